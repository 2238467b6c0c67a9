import CFuzzDriver
import FuzzEdits
import Foundation
@_spi(Fuzzing) import HydrousAudit

/// Stops the fuzzer with a message: an invariant of the report reader is broken.
func violated(_ what: String, _ bytes: [UInt8]) -> Never {
    let shown = String(decoding: bytes.prefix(400), as: UTF8.self)
    FileHandle.standardError.write(Data("FuzzReport: \(what)\n  input=\(shown.debugDescription)\n".utf8))
    abort()
}

/// The guide's JSON report, the document edit inputs change (`JSONEdits`).
let edits = JSONEdits(repositoryFile: "Fuzz/corpus/report-base.json")

/// One input: byte 0 even, the rest is any bytes read as a JSON report
/// (`diff`, `--baseline`, `--compare`), for the parser's syntax; odd, the
/// rest edits the guide's report value by value (`JSONEdits`), so the text
/// stays valid JSON and the readers' handling of values is what is fuzzed.
///
/// Invariants: reading never crashes; an error names the file and a line
/// that exists; the parse without lines (the fast path) gives the value and
/// the error the parse with lines gives; where the tree reader reads a report,
/// `JSONDecoder` reads the same one (the tree reader only ever skips the
/// decoder, never changes what is read).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let mode = input.first else { return 0 }
    let bytes: [UInt8]
    if mode & 1 == 0 {
        bytes = Array(input.dropFirst())
    } else {
        guard let edited = edits.edited(input.dropFirst()) else { return 0 }
        bytes = edited
    }
    let text = Data(bytes)
    let readings = ReportJSON.readingsForFuzzing(text)
    if !readings.parsesAgree { violated("the parse without lines differs from the parse with lines", bytes) }
    if let tree = readings.tree, tree != readings.decoder, !holdsZeroExponentQuirk(bytes) {
        violated("the tree reader reads another report than JSONDecoder", bytes)
    }
    let lines = bytes.filter { $0 == 0x0A }.count + 1
    do {
        _ = try ReportJSON.decode(data: text, file: "fuzz.json")
    } catch {
        let message = error.localizedDescription
        if !message.hasPrefix("fuzz.json") { violated("an error without the file: \(message)", bytes) }
        let line: Int? = switch error {
        case let .malformed(_, line, _, _), let .notAReport(_, line, _, _), let .unsupportedSchemaVersion(_, line, _): line
        case .unreadable: nil
        }
        if let line, line < 1 || line > lines { violated("line \(line) of \(lines): \(message)", bytes) }
    }
    return 0
}

/// True when `bytes` hold a number `0e1`…`0e9` or `0E1`…`0E9` (no sign, one
/// exponent digit): valid JSON that Foundation's JSONDecoder alone refuses
/// (it reads `-0e1`, `0e+1` and `0e12`). The tree reader follows RFC 8259;
/// `ReportJSONReadTests` holds both readings. Inside a string the pattern
/// only skips one comparison.
func holdsZeroExponentQuirk(_ bytes: [UInt8]) -> Bool {
    func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
    guard bytes.count >= 3 else { return false }
    for index in 0...(bytes.count - 3) where bytes[index] == UInt8(ascii: "0") {
        guard index == 0 || !isNumberByte(bytes[index - 1]) else { continue }
        guard bytes[index + 1] == UInt8(ascii: "e") || bytes[index + 1] == UInt8(ascii: "E") else { continue }
        guard bytes[index + 2] >= UInt8(ascii: "1"), bytes[index + 2] <= UInt8(ascii: "9") else { continue }
        if index + 3 == bytes.count || !isNumberByte(bytes[index + 3]) { return true }
    }
    return false
}

/// libFuzzer's entry point (SwiftPM calls the executable's main `FuzzReport_main`).
@_cdecl("FuzzReport_main")
public func fuzzReportMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    hydrous_fuzz_main(argc, argv)
}
