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
        return unavailableLibrary(hydrous_lazy_curl_load)
        #else
        return nil
        #endif
    }()
}

/// Why a library loaded on first use (`Sources/LazyLoad`) cannot be loaded,
/// or nil when `load` (`hydrous_lazy_curl_load`, `hydrous_lazy_xml_load`) loads it.
func unavailableLibrary(_ load: (UnsafeMutablePointer<CChar>?, Int) -> Int32) -> String? {
    var reason = [CChar](repeating: 0, count: 512)
    if load(&reason, reason.count) == 1 { return nil }
    return String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
