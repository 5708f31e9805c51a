//! The declarative layer against the emulator, and pure planning.

mod common;
mod fields;
mod interrupted;
mod invalid;
mod invalid_files;
mod order;
mod order_rules;
mod round_trip;
mod ssl;
mod traffic;
mod vips;
