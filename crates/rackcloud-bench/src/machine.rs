//! A one-paragraph description of the machine and the toolchain, with the date.

use std::process::Command;

/// "Measured on 2026-11-25 (UTC): 2 cores (Intel Xeon …), 23.4 GiB, Linux 6.1, rustc 1.95.0."
pub(crate) fn describe() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.1} GiB", kb / 1_048_576.0))
        })
        .unwrap_or_else(|| "unknown memory".to_owned());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| format!("Linux {}", s.trim()))
        .unwrap_or_else(|_| std::env::consts::OS.to_owned());
    let rustc =
        command_line("rustc", &["--version"]).unwrap_or_else(|| "rustc (unknown)".to_owned());
    let date = command_line("date", &["-u", "+%Y-%m-%d %H:%M"])
        .unwrap_or_else(|| "unknown date".to_owned());
    format!(
        "Measured {date} UTC on {cores} cores ({cpu}), {memory}, {kernel}, {rustc}; release build, emulator in the same process on loopback."
    )
}

fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
