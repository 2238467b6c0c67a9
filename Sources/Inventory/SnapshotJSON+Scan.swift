/// Scanning a string's plain run, and indentation, eight bytes at a time.
///
/// Most of a snapshot's bytes are inside strings (names, ARNs, values), and
/// the byte loop that looked for the closing quote compared each byte three
/// times with a bounds check. Here a 64-bit word is tested at once for a
/// quote, a backslash or a control character (`ByteWords`, as the JSON
/// writer tests its strings); the byte loop finishes the word that holds
/// one, and the text's tail.
extension SnapshotJSONParser {
    /// The index of the first byte at or after `start` that is a quote, a
    /// backslash or below 0x20 (what ends a string's plain run), or
    /// `bytes.count` when there is none.
    func plainRunEnd(from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if ByteWords.holdsJSONStringStop(word) { break }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            index += 1
        }
        return index
    }

    /// The index of the first byte at or after `start` that is not JSON
    /// white space (space, line feed, carriage return, tab), or `bytes.count`.
    /// Runs of spaces (a pretty-printed document's indentation) go a word at a time.
    func whitespaceEnd(from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var index = start
        while index < count {
            switch base[index] {
            case 0x20:
                while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) == spaces { index += 8 }
                while index < count, base[index] == 0x20 { index += 1 }
            case 0x0A, 0x0D, 0x09:
                index += 1
            default:
                return index
            }
        }
        return index
    }
}
