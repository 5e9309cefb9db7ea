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

/// Tunes glibc's allocator for the solvers' pattern: vectors of megabytes (over the million
/// unknowns of a Dicke layout at N = 1001, fronts of the LU) allocated and freed for every
/// sweep point or time step. By default glibc serves each from fresh `mmap`ed pages, and
/// their zeroing page faults were a sixth of a sweep's time (perf, N = 1001); with a fixed
/// threshold of 32 MiB and 256 MiB kept before trimming, the freed memory is reused. Peak
/// memory is unchanged (what is kept was in use just before). No effect off glibc.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets two parameters of the allocator; it is called from `main`
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}
