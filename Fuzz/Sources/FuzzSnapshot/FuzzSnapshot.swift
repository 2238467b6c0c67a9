import CFuzzDriver
import FuzzEdits
import Foundation
@_spi(Fuzzing) import Inventory

/// The guide's snapshot, the document every input edits (`JSONEdits`).
let edits = JSONEdits(repositoryFile: "examples/guide/snapshot.json")

/// Stops the fuzzer with a message: the two snapshot readers disagree.
func violated(_ what: String, _ bytes: [UInt8]) -> Never {
    let shown = String(decoding: bytes.prefix(2_000), as: UTF8.self)
    FileHandle.standardError.write(Data("FuzzSnapshot: \(what)\n  snapshot=\(shown.debugDescription)\n".utf8))
    abort()
}

/// One input edits the guide's snapshot value by value (`JSONEdits`), so
/// most inputs are valid JSON and the fuzzer works on what the readers make
/// of values, not on syntax the fast path declines at once.
///
/// Differential invariant between the hand-written fast path
/// (`Inventory.readSnapshot`, services and task definitions byte by byte) and
/// `JSONDecoder`, which decides everything the fast path declines: the fast
/// path declines, or gives exactly the `Inventory` `JSONDecoder` gives. It
/// must never take a text `JSONDecoder` refuses, nor read a value differently:
/// a field read wrongly is a finding missed without a word.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let edited = edits.edited(input[...]) else { return 0 }
    check(edited)
    return 0
}

/// The invariant on one snapshot text.
func check(_ bytes: [UInt8]) {
    let text = Data(bytes)
    guard let fast = try? Inventory.readSnapshot(text) else { return }
    let reference: Inventory
    do {
        reference = try JSONDecoder().decode(Inventory.self, from: text)
    } catch {
        violated("the fast path took a snapshot JSONDecoder refuses: \(error)", bytes)
    }
    if fast != reference { violated("the fast path read a snapshot differently from JSONDecoder", bytes) }
}

/// libFuzzer's entry point (SwiftPM calls the executable's main `FuzzSnapshot_main`).
@_cdecl("FuzzSnapshot_main")
public func fuzzSnapshotMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    hydrous_fuzz_main(argc, argv)
}
