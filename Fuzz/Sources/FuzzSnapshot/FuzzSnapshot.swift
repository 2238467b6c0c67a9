import CFuzzDriver
import Foundation
@_spi(Fuzzing) import Inventory

/// The guide's snapshot, the base every input edits (read once, beside this
/// package: Fuzz/Sources/FuzzSnapshot -> the repository's examples/).
let base: [UInt8] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    guard let data = try? Data(contentsOf: root.appendingPathComponent("examples/guide/snapshot.json")) else {
        FileHandle.standardError.write(Data("FuzzSnapshot: cannot read examples/guide/snapshot.json\n".utf8))
        exit(2)
    }
    return Array(data)
}()

/// Where each JSON value of `base` starts and ends, and whether it is an object.
let slots: [(start: Int, end: Int, isObject: Bool)] = {
    var found: [(start: Int, end: Int, isObject: Bool)] = []
    var index = 0
    func skipSpace() { while index < base.count, [0x20, 0x0A, 0x0D, 0x09].contains(base[index]) { index += 1 } }
    func value() {
        skipSpace()
        let start = index
        let first = base[index]
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let close = first == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipSpace()
            while base[index] != close {
                if first == UInt8(ascii: "{") { string(); skipSpace(); index += 1 }  // key and ':'
                value()
                skipSpace()
                if base[index] == UInt8(ascii: ",") { index += 1; skipSpace() }
            }
            index += 1
        } else if first == UInt8(ascii: "\"") {
            string()
        } else {
            while index < base.count, !",]} \n\r\t".utf8.contains(base[index]) { index += 1 }
        }
        found.append((start, index, first == UInt8(ascii: "{")))
    }
    func string() {
        index += 1
        while base[index] != UInt8(ascii: "\"") { index += base[index] == UInt8(ascii: "\\") ? 2 : 1 }
        index += 1
    }
    value()
    return found
}()

/// Stops the fuzzer with a message: the two snapshot readers disagree.
func violated(_ what: String, _ bytes: [UInt8]) -> Never {
    let shown = String(decoding: bytes.prefix(2_000), as: UTF8.self)
    FileHandle.standardError.write(Data("FuzzSnapshot: \(what)\n  snapshot=\(shown.debugDescription)\n".utf8))
    abort()
}

/// One input edits the guide's snapshot: bytes 0-1 pick a value of it, byte 2
/// says what to do, the rest is JSON text. Even byte 2: the text replaces that
/// value (`13`, `1e2`, `"a\u0041"`, `null`, `[]`, ...). Odd: it goes in as
/// the first members of the object that value is (`"desiredCount":2,`: a
/// duplicate key, an unknown one, a field the guide lacks). So most inputs
/// are valid JSON, and the fuzzer works on what the readers make of values,
/// not on syntax the fast path declines at once.
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
    guard input.count >= 3 else { return 0 }
    let slot = slots[(Int(input[0]) << 8 | Int(input[1])) % slots.count]
    let text = input[3...]
    var edited: [UInt8]
    if input[2] & 1 == 0 {
        edited = Array(base[..<slot.start]) + text + Array(base[slot.end...])
    } else {
        guard slot.isObject else { return 0 }
        edited = Array(base[...slot.start]) + text + Array(base[(slot.start + 1)...])
    }
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
