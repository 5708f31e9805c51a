//! The declarative layer against the emulator, and pure planning.

mod common;
mod export_writes;
mod fields;
mod hostile_reads;
mod interrupted;
mod invalid;
mod invalid_files;
mod order;
mod order_rules;
mod round_trip;
mod ssl;
mod traffic;
mod vips;
