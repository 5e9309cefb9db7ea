//! Facts about the machine that the library cannot read itself (it does no IO).

/// Physical memory in bytes (`MemTotal` of `/proc/meminfo`), `None` where unavailable.
///
/// The steady-state solvers refuse a model whose memory estimate exceeds this, so that a model
/// too large for the machine is reported at once instead of swapping or being killed.
pub fn physical_memory_bytes() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}
