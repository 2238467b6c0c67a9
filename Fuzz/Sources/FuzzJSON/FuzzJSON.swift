import CFuzzDriver
import Foundation
import Inventory

/// Stops the fuzzer with a message: an invariant of the JSON syntax locator is broken.
func violated(_ what: String, _ bytes: [UInt8]) -> Never {
    let shown = String(decoding: bytes.prefix(400), as: UTF8.self)
    FileHandle.standardError.write(Data("FuzzJSON: \(what)\n  input=\(shown.debugDescription)\n".utf8))
    abort()
}

/// One input: any bytes, read as a JSON text (snapshot, price table).
///
/// Differential invariants against Foundation's parser (which `JSONDecoder`
/// uses): whatever Foundation accepts, the locator does not call a syntax
/// error (so a position is never given for a file JSONDecoder would read);
/// and a reported error lies inside the text, with a line and column that
/// exist there.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = Data(bytes)
    let located = JSONSyntaxError.first(in: text)
    let foundationTakesIt = (try? JSONSerialization.jsonObject(with: text, options: .fragmentsAllowed)) != nil
    guard let located else { return 0 }
    if foundationTakesIt { violated("Foundation reads it, the locator calls it a syntax error: \(located.reason)", bytes) }
    if located.offset < 0 || located.offset > bytes.count { violated("offset \(located.offset) outside \(bytes.count) bytes", bytes) }
    let (line, column) = located.position(in: text)
    let lines = bytes.prefix(located.offset).filter { $0 == 0x0A }.count + 1
    if line != lines || column < 1 || column > located.offset + 1 { violated("position \(line):\(column) is not at offset \(located.offset)", bytes) }
    if located.reason.isEmpty { violated("an error without a reason", bytes) }
    return 0
}

/// libFuzzer's entry point (SwiftPM calls the executable's main `FuzzJSON_main`).
@_cdecl("FuzzJSON_main")
public func fuzzJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    hydrous_fuzz_main(argc, argv)
}
