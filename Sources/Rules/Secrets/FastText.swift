import Foundation

/// Byte-level shortcuts for the text every rule reads in bulk (environment
/// values, names): a 1,000-service audit classifies ~9,000 values, and
/// Foundation's `trimmingCharacters`, `range(of:)` and `NSRegularExpression`
/// bridge each one to UTF-16 first. Each helper gives exactly the answer of
/// the Foundation call it replaces; for text outside its fast path it calls that.
public enum FastText {
    /// True when every byte of `text` is printable ASCII (space to `~`):
    /// no line terminators, no multi-byte characters, so a regular
    /// expression's `^`, `$` and `.` mean plain start, end and any byte.
    static func isPrintableASCII(_ text: String) -> Bool {
        // On the contiguous bytes (a plain loop) rather than through the view's iterator.
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
            return true
        } ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// True when every byte of `text` is ASCII (below 0x80): then its
    /// characters are its bytes, and `==` on two such strings means equal bytes.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// True when the UTF-8 bytes of `text` include `byte` (`memchr` on contiguous bytes).
    static func containsByte(_ text: String, _ byte: UInt8) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? text.utf8.contains(byte)
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`
    /// when `newlines`), without a copy when there is nothing to trim.
    public static func trimmed(_ text: String, newlines: Bool = false) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        // Bytes that are neither ASCII whitespace nor the start of a
        // multi-byte character (which might be Unicode whitespace) need no trim.
        func clearlyKept(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if clearlyKept(first), clearlyKept(last) { return text }
        // ASCII white space at the edges, up to an ASCII byte kept: the trim
        // on bytes (Foundation's takes ~25,000 instructions a call, bridging
        // to UTF-16; `check` on the guide trimmed 1,700 lines). A multi-byte
        // character at an edge may be Unicode white space: Foundation decides.
        func trimmedByte(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || (newlines && byte >= 0x0A && byte <= 0x0D)
        }
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex, trimmedByte(bytes[start]) { start = bytes.index(after: start) }
        if start == bytes.endIndex { return "" }
        var end = bytes.endIndex
        while trimmedByte(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 else {
            return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return String(text[start..<end])
    }

    /// The range of the first `needle` in `text`, as `text.range(of: needle)` gives it;
    /// on bytes when both are ASCII. (Foundation refuses a match that a
    /// combining mark follows: `"e"` is not found in `"e\u{301}"`, nor
    /// `"://"` in `"a://\u{301}"`, so other text goes to Foundation.)
    static func range(of needle: String, in text: String) -> Range<String.Index>? {
        switch asciiSearch(needle, text, from: 0, fold: { $0 }) {
        case .notASCII:
            return text.range(of: needle)
        case .notFound:
            return nil
        case let .found(position, length):
            let lowerBound = text.utf8.index(text.utf8.startIndex, offsetBy: position)
            return lowerBound..<text.utf8.index(lowerBound, offsetBy: length)
        }
    }

    /// True when `text` contains `keyword`, ASCII letters compared without case.
    /// `byte` with ASCII upper case (A–Z) folded to lower case; every other byte as it is.
    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// The bytes of a text, ASCII upper case folded to lower, as a set: a
    /// keyword holding a byte the set lacks cannot occur in the text
    /// (`containsIgnoringASCIICase`), so one pass over the text rules out
    /// most keywords before any is searched for.
    struct FoldedBytes {
        private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// The set of `text`'s folded bytes; every byte when they are not contiguous.
        init(_ text: String) {
            let filled = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                for byte in bytes { insert(FastText.foldASCII(byte)) }
                return true
            }
            if filled == nil { bits = (~0, ~0, ~0, ~0) }
        }

        private mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }

        private func contains(_ byte: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: return bits.0 & bit != 0
            case 1: return bits.1 & bit != 0
            case 2: return bits.2 & bit != 0
            default: return bits.3 & bit != 0
            }
        }

        /// False when `keyword` (lower-case ASCII, as `containsIgnoringASCIICase`
        /// takes it) holds a byte the text lacks: then it does not occur.
        func mayContain(_ keyword: [UInt8]) -> Bool {
            keyword.allSatisfy(contains)
        }
    }

    static func containsIgnoringASCIICase(_ text: String, _ keyword: [UInt8]) -> Bool {
        guard let head = keyword.first else { return true }
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= keyword.count else { return false }
            for start in 0...(bytes.count - keyword.count) where foldASCII(bytes[start]) == head {
                var offset = 1
                while offset < keyword.count, foldASCII(bytes[start + offset]) == keyword[offset] { offset += 1 }
                if offset == keyword.count { return true }
            }
            return false
        } ?? text.lowercased().contains(String(decoding: keyword, as: UTF8.self))
    }

    /// `text.range(of: needle, options: .caseInsensitive, range: start..<text.endIndex)`;
    /// on bytes when both are ASCII (where case folding is A–Z to a–z and nothing else).
    static func rangeIgnoringCase(of needle: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: start)
        let search = asciiSearch(needle, text, from: offset, fold: foldASCII)
        switch search {
        case .notASCII:
            return text.range(of: needle, options: .caseInsensitive, range: start..<text.endIndex)
        case .notFound:
            return nil
        case let .found(position, length):
            let lowerBound = text.utf8.index(text.utf8.startIndex, offsetBy: position)
            return lowerBound..<text.utf8.index(lowerBound, offsetBy: length)
        }
    }

    /// What a byte search found.
    enum ASCIISearch: Equatable {
        /// Needle or text is not ASCII (or empty needle): ask Foundation.
        case notASCII
        case notFound
        /// The match's byte offset and length.
        case found(Int, Int)
    }

    /// The first place at or after byte `offset` of `text` where `needle`'s
    /// bytes occur, each byte compared after `fold`; both read in place.
    static func asciiSearch(_ needle: String, _ text: String, from offset: Int, fold: (UInt8) -> UInt8) -> ASCIISearch {
        let search = needle.utf8.withContiguousStorageIfAvailable { pattern -> ASCIISearch in
            text.utf8.withContiguousStorageIfAvailable { bytes -> ASCIISearch in
                guard !pattern.isEmpty, allASCII(pattern), allASCII(bytes) else { return .notASCII }
                guard bytes.count - offset >= pattern.count else { return .notFound }
                let head = fold(pattern[0])
                for position in offset...(bytes.count - pattern.count) where fold(bytes[position]) == head {
                    var matched = 1
                    while matched < pattern.count, fold(bytes[position + matched]) == fold(pattern[matched]) { matched += 1 }
                    if matched == pattern.count { return .found(position, pattern.count) }
                }
                return .notFound
            } ?? .notASCII
        }
        return search ?? .notASCII
    }

    /// True when every byte is below 0x80.
    static func allASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }
}
