#if os(Linux)
import LazyXML
#endif

/// libxml2, the engine of `XMLParser` on Linux.
///
/// The statically linked release binary loads libxml2 the first time an
/// answer in XML is parsed (`Sources/LazyXML`), so offline commands start
/// without it. Before a parse `AWSXMLNode` asks here; when libxml2 cannot be
/// loaded, every XML answer is a malformed response naming the reason and the
/// package to install (each call is then listed in coverage and the audit
/// exits 3), instead of the process stopping inside `XMLParser`.
public enum XMLLibrary {
    /// Why libxml2 cannot be loaded, or nil when it is loaded (worked out once).
    public static let unavailable: String? = {
        #if os(Linux)
        return unavailableLibrary(hydrous_lazy_xml_load)
        #else
        return nil
        #endif
    }()
}
