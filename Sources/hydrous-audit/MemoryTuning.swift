#if canImport(Glibc)
import Glibc
#endif

/// glibc malloc settings for a short run that allocates from several threads.
///
/// On the VMs this tool is measured on, a page fault costs ~10–15 µs, and a
/// 1,000-service run took ~11,500 of them with glibc's defaults: ~140 ms of
/// its ~450 ms of CPU (docs/benchmarks.md). The settings below cut that to
/// ~2,700, ~1,100 of them the binary's own pages at start.
enum MemoryTuning {
    /// Call first thing in `main`, before any other thread allocates: glibc
    /// fixes its arena limit at the first allocation from a second thread.
    /// The last three settings are `keepHeap`'s.
    ///
    /// - One arena: by default every thread that meets a locked arena gets its
    ///   own (up to 8 per core), and each keeps its freed memory to itself, so
    ///   the rules' and the renderer's workers raised peak RSS by ~10 MB on a
    ///   1,000-service snapshot. Small blocks still come from per-thread caches.
    /// - A fixed mmap threshold (128 KiB), for blocks the heap cannot hold.
    /// - Heap grown 64 MiB at a time and never trimmed during the run: by
    ///   default glibc gives the top of the heap back whenever 128 KiB of it
    ///   is free, and the next allocations fault the same memory in again
    ///   (half of the faults above).
    /// - The first 32 MiB of new heap backed by transparent huge pages where
    ///   the kernel offers them (`madvise` mode, the common default): one
    ///   fault per 2 MiB instead of per 4 KiB. A 1,000-service run's heap
    ///   peaks at ~25 MiB; with 12 MiB advised (sessions 5–12) the rest came
    ///   in 4 KiB pages: 2,470 faults a run against 1,270 with 32 MiB, wall
    ///   −2 to −8% and CPU −2 to −9% (medians of four sets of 20–40
    ///   alternating runs), peak RSS +0.9–2.1 MiB (the last huge page is
    ///   resident whole). The guide's run, whose heap stays small, is unchanged.
    ///
    /// At 1,000 services (session 5, 12 MiB): CPU −60–80 ms, wall −45–50 ms
    /// (medians of alternating runs); peak RSS +1–1.5 MB, as freed blocks now
    /// stay in the heap for reuse instead of being unmapped.
    static func apply() {
        #if canImport(Glibc)
        guard let mallopt = mallopt() else { return }
        _ = mallopt(arenaMax, 1)
        _ = mallopt(mmapThreshold, 128 * 1024)
        #endif
    }

    /// For an audit that reads no whole report (`run` without `--compare` or
    /// `--baseline`): the heap kept and partly in huge pages, as described
    /// above. Not for `diff` and `--compare`, which parse two 17 MB reports
    /// at 1,000 services: a heap that is never given back raised their peak
    /// RSS by 12 and 33 MB for no gain in time.
    static func keepHeap() {
        #if canImport(Glibc)
        guard let mallopt = mallopt() else { return }
        _ = mallopt(topPad, 64 << 20)
        _ = mallopt(trimThreshold, 128 << 20)
        adviseHugePages(bytes: 32 << 20)
        #endif
    }

    #if canImport(Glibc)
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32

    /// glibc's `mallopt`: its module map leaves out <malloc.h>, so it is looked up.
    private static func mallopt() -> MallOpt? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt").map { unsafeBitCast($0, to: MallOpt.self) }
    }

    /// Grows the heap (free memory at its top, which the allocations that
    /// follow take) and asks for huge pages on its first `bytes`. Without
    /// effect where the heap cannot grow or the kernel has no huge pages.
    private static func adviseHugePages(bytes: UInt) {
        let hugePage: UInt = 2 << 20
        let before = UInt(bitPattern: sbrk(0))
        let start = (before + hugePage - 1) & ~(hugePage - 1)
        var blocks: [UnsafeMutableRawPointer?] = []
        var after = before
        // Blocks under the mmap threshold come from the heap's top; the first
        // that does not fit grows the heap by the 64 MiB pad. The bound stops
        // the loop where the heap is not contiguous (glibc then maps it).
        let block = 100 * 1024
        while after < start + bytes && blocks.count < 4 * Int(bytes) / block {
            blocks.append(malloc(block))
            after = UInt(bitPattern: sbrk(0))
        }
        for pointer in blocks { free(pointer) }
        let end = min(after & ~(hugePage - 1), start + bytes)
        guard end > start, let base = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(base, Int(end - start), MADV_HUGEPAGE)
    }

    /// `M_TRIM_THRESHOLD`, `M_TOP_PAD`, `M_MMAP_THRESHOLD` and `M_ARENA_MAX` from glibc's <malloc.h>.
    private static let trimThreshold: Int32 = -1
    private static let topPad: Int32 = -2
    private static let mmapThreshold: Int32 = -3
    private static let arenaMax: Int32 = -8
    #endif
}
