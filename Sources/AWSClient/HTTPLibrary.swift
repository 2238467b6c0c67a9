#if os(Linux)
import LazyCurl
#endif

/// libcurl, the engine of `URLSession` on Linux.
///
/// The statically linked release binary loads libcurl the first time a request
/// needs it (`Sources/LazyCurl`), so offline commands start without it. Before
/// a transport creates its sessions it asks here; when libcurl cannot be
/// loaded, every request fails with `AWSClientError.httpUnavailable` naming the
/// reason and the package to install, instead of the process stopping inside
/// `URLSession`.
enum HTTPLibrary {
    /// Why libcurl cannot be loaded, or nil when it is loaded (worked out once).
    static let unavailable: String? = {
        #if os(Linux)
        var reason = [CChar](repeating: 0, count: 512)
        if hydrous_lazy_curl_load(&reason, reason.count) == 1 { return nil }
        let bytes = reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
        #else
        return nil
        #endif
    }()
}
