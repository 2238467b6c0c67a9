#if canImport(Glibc)
import Glibc
#endif

/// glibc malloc settings for a short run that allocates from several threads.
enum MemoryTuning {
    /// Call first thing in `main`, before any other thread allocates: glibc
    /// fixes its arena limit at the first allocation from a second thread.
    ///
    /// - One arena: by default every thread that meets a locked arena gets its
    ///   own (up to 8 per core), and each keeps its freed memory to itself, so
    ///   the rules' and the renderer's workers raised peak RSS by ~10 MB on a
    ///   1,000-service snapshot. Small blocks still come from per-thread caches.
    /// - A fixed mmap threshold: blocks of 128 KiB and more (the snapshot's
    ///   bytes, large arrays) go back to the system when freed instead of
    ///   raising the threshold and staying in the heap after the first one.
    static func apply() {
        #if canImport(Glibc)
        // Glibc's module map leaves out <malloc.h>: look `mallopt` up instead.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(arenaMax, 1)
        _ = mallopt(mmapThreshold, 128 * 1024)
        #endif
    }

    /// `M_ARENA_MAX` and `M_MMAP_THRESHOLD` from glibc's <malloc.h>.
    private static let arenaMax: Int32 = -8
    private static let mmapThreshold: Int32 = -3
}
