import Inventory

/// Byte-level questions the text renderers ask of a string, answered on its
/// UTF-8 without Foundation or grapheme breaking. Each answer is exact: where
/// bytes alone cannot decide (non-ASCII text), callers fall back to the
/// `Character`- or Foundation-based version.
///
/// A 1,000-service Markdown report asked `NSString` to search and replace
/// in 13,000 findings' texts; the page took 4.9 s to render.
enum RenderBytes {
    /// True when every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
            ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// True when `text` holds a `Character` whose `isNewline` is true:
    /// U+000A–U+000D, U+0085, U+2028 or U+2029 (a newline scalar is always
    /// its own grapheme, or CR-LF).
    static func hasNewline(_ text: String) -> Bool {
        holdsNewline(text, orBacktick: false)
    }

    /// True when `text` holds no backtick byte and no newline (as
    /// `hasNewline`): its inline code span is the text between single
    /// backticks, whatever else it holds (a backtick `Character` needs the
    /// backtick byte; splitting at newlines and joining gives the text back).
    static func isPlainCode(_ text: String) -> Bool {
        !holdsNewline(text, orBacktick: true)
    }

    /// One pass over the UTF-8 for a newline scalar (and a backtick when
    /// `orBacktick`), eight bytes at a time: only a word that holds a byte
    /// below 0x0E, a non-ASCII byte or (when sought) a backtick is read byte by byte.
    private static func holdsNewline(_ text: String, orBacktick: Bool) -> Bool {
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            let count = bytes.count
            func newline(at index: Int) -> Bool {
                let byte = bytes[index]
                if byte >= 0x0A && byte <= 0x0D { return true }
                if orBacktick, byte == UInt8(ascii: "`") { return true }
                if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x85 { return true }
                return byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            }
            var index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & ByteWords.highs != 0 || ByteWords.hasByte(below: 0x0E, in: word) {
                        for position in index..<(index + 8) where newline(at: position) { return true }
                    } else if orBacktick, ByteWords.hasByte(UInt8(ascii: "`"), in: word) {
                        return true
                    }
                    index += 8
                }
            }
            while index < count {
                if newline(at: index) { return true }
                index += 1
            }
            return false
        }
        if let answer = text.utf8.withContiguousStorageIfAvailable(scan) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// True when `lhs` and `rhs` have the same UTF-8 (`==` is canonical
    /// equivalence, which two different byte sequences may share). Texts
    /// sharing storage answer without reading it.
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs
        var right = rhs
        let shared = left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                leftBytes.count == rightBytes.count && leftBytes.baseAddress == rightBytes.baseAddress
            }
        }
        return shared || lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// True when `text` holds one of `bytes` (ASCII bytes: they are whole scalars in UTF-8).
    static func contains(_ text: String, anyOf bytes: [UInt8]) -> Bool {
        let scan = { (utf8: UnsafeBufferPointer<UInt8>) -> Bool in
            var index = 0
            if let base = utf8.baseAddress {
                // Eight bytes at a time; a non-ASCII byte never equals an ASCII one.
                let raw = UnsafeRawPointer(base)
                while index + 8 <= utf8.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    for byte in bytes where byte < 0x80 && ByteWords.hasByte(byte, in: word) { return true }
                    index += 8
                }
            }
            while index < utf8.count {
                if utf8[index] < 0x80, bytes.contains(utf8[index]) { return true }
                index += 1
            }
            return false
        }
        if let answer = text.utf8.withContiguousStorageIfAvailable(scan) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// True when `text` starts and ends with a byte that is ASCII and not
    /// white space, so `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// leaves it as it is (an empty text is not).
    static func hasNoEdgeWhitespace(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return isPlainEdge(first) && isPlainEdge(last)
    }

    private static func isPlainEdge(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && !(byte >= 0x09 && byte <= 0x0D)
    }

    /// Appends the decimal digits of `value` (as `String(value)` spells it)
    /// without making a `String`.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: Int.min has 19 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: buffer[index...])
        }
    }

    /// `text` with each ASCII byte in `replacements` replaced by its text
    /// (only for ASCII targets, which UTF-8 never holds inside another scalar).
    static func replacing(_ text: String, _ replacements: [UInt8: String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let replacement = replacements[byte] {
                out.append(contentsOf: replacement.utf8)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
