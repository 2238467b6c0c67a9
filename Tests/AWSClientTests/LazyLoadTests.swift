#if os(Linux)
import Glibc
import LazyLoad
import XCTest

/// What LazyCurl and LazyXML share (Sources/LazyLoad): opening a library,
/// and the reasons given when it or one of its symbols is missing.
final class LazyLoadTests: XCTestCase {
    /// Opens `soname` looking up `symbol`: the answer and the reason.
    private func open(_ soname: String, _ symbol: String) -> (answer: Int32, reason: String) {
        let texts: [UnsafeMutablePointer<CChar>] = [soname, symbol, "thing 1.0 or later", "thing1"]
            .map { (text: String) in strdup(text)! }
        defer { texts.forEach { free($0) } }
        var names: [UnsafePointer<CChar>?] = [UnsafePointer(texts[1])]
        var functions: [UnsafeMutableRawPointer?] = [nil]
        return names.withUnsafeMutableBufferPointer { names in
            functions.withUnsafeMutableBufferPointer { functions in
                var library = HydrousLazyLibrary()
                library.soname = UnsafePointer(texts[0])
                library.version = UnsafePointer(texts[2])
                library.package = UnsafePointer(texts[3])
                library.names = UnsafePointer(names.baseAddress)
                library.count = 1
                library.functions = functions.baseAddress
                hydrous_lazy_library_open(&library)
                var reason = [CChar](repeating: 0, count: 512)
                let answer = hydrous_lazy_library_answer(&library, &reason, reason.count)
                XCTAssertEqual(functions[0] != nil, answer == 1)
                return (answer, String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
    }

    func testOpensALibraryAndFindsItsSymbols() {
        let result = open("libc.so.6", "strlen")
        XCTAssertEqual(result.answer, 1)
        XCTAssertEqual(result.reason, "")
    }

    func testAMissingLibraryIsNamedWithWhatToInstall() {
        let result = open("libhydrous-missing.so.9", "strlen")
        XCTAssertEqual(result.answer, 0)
        XCTAssertTrue(result.reason.hasPrefix("cannot load libhydrous-missing.so.9 ("), result.reason)
        XCTAssertTrue(result.reason.hasSuffix("): install thing 1.0 or later (Debian and Ubuntu: apt-get install thing1)"),
                      result.reason)
    }

    func testAMissingSymbolIsNamed() {
        let result = open("libc.so.6", "hydrous_no_such_function")
        XCTAssertEqual(result.answer, 0)
        XCTAssertEqual(result.reason, "libc.so.6 has no hydrous_no_such_function: install thing 1.0 or later")
    }
}
#endif
