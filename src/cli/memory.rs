//! Memory at the end of a stage: what to free, what to leave to the process's
//! end.

/// Lets a value go without freeing it, as the process is about to end: the
/// rules' automata are thousands of allocations, and freeing them one by one
/// takes longer (a few milliseconds) than `rules check` takes to print.
pub(super) fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// Hands back to the system the memory that freed allocations left with the
/// allocator. glibc keeps what each thread frees in that thread's arena:
/// after extraction, the worker threads' arenas hold their regex caches and
/// the claims they built, which `compare`'s grouping, on one thread, cannot
/// reuse (on 1 GB of news, 60 MB of a 230 MB peak).
pub(super) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages to the system; it takes
    // no pointer and leaves every live allocation where it is.
    unsafe {
        libc::malloc_trim(0);
    }
}
