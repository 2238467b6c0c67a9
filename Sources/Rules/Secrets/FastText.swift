import Foundation

/// Byte-level shortcuts for the text every rule reads in bulk (environment
/// values, names): a 1,000-service audit classifies ~9,000 values, and
/// Foundation's `trimmingCharacters`, `range(of:)` and `NSRegularExpression`
/// bridge each one to UTF-16 first. Each helper gives exactly the answer of
/// the Foundation call it replaces; for text outside its fast path it calls that.
enum FastText {
    /// True when every byte of `text` is printable ASCII (space to `~`):
    /// no line terminators, no multi-byte characters, so a regular
    /// expression's `^`, `$` and `.` mean plain start, end and any byte.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`
    /// when `newlines`), without a copy when there is nothing to trim.
    static func trimmed(_ text: String, newlines: Bool = false) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        // Bytes that are neither ASCII whitespace nor the start of a
        // multi-byte character (which might be Unicode whitespace) need no trim.
        func clearlyKept(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if clearlyKept(first), clearlyKept(last) { return text }
        return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// The range of the first `needle` in `text`, as `text.range(of: needle)` gives it;
    /// on bytes when both are ASCII. (Foundation refuses a match that a
    /// combining mark follows: `"e"` is not found in `"e\u{301}"`, nor
    /// `"://"` in `"a://\u{301}"`, so other text goes to Foundation.)
    static func range(of needle: String, in text: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let head = pattern.first, pattern.allSatisfy({ $0 < 0x80 }), text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.range(of: needle)
        }
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == head {
                var probe = index
                var matched = 0
                while matched < pattern.count, probe != bytes.endIndex, bytes[probe] == pattern[matched] {
                    matched += 1
                    probe = bytes.index(after: probe)
                }
                if matched == pattern.count { return index..<probe }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// True when `text` contains `keyword`, ASCII letters compared without case.
    static func containsIgnoringASCIICase(_ text: String, _ keyword: [UInt8]) -> Bool {
        guard let head = keyword.first else { return true }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= keyword.count else { return false }
            for start in 0...(bytes.count - keyword.count) where lower(bytes[start]) == head {
                var offset = 1
                while offset < keyword.count, lower(bytes[start + offset]) == keyword[offset] { offset += 1 }
                if offset == keyword.count { return true }
            }
            return false
        } ?? text.lowercased().contains(String(decoding: keyword, as: UTF8.self))
    }

    /// `text.range(of: needle, options: .caseInsensitive, range: start..<text.endIndex)`;
    /// on bytes when both are ASCII (where case folding is A–Z to a–z and nothing else).
    static func rangeIgnoringCase(of needle: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        guard !needle.isEmpty, needle.utf8.allSatisfy({ $0 < 0x80 }), text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.range(of: needle, options: .caseInsensitive, range: start..<text.endIndex)
        }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        let pattern = needle.utf8.map(lower)
        let bytes = Array(text.utf8)
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: start)
        guard bytes.count - offset >= pattern.count else { return nil }
        for position in offset...(bytes.count - pattern.count) {
            var matched = 0
            while matched < pattern.count, lower(bytes[position + matched]) == pattern[matched] { matched += 1 }
            if matched == pattern.count {
                let lowerBound = text.utf8.index(text.utf8.startIndex, offsetBy: position)
                return lowerBound..<text.utf8.index(lowerBound, offsetBy: pattern.count)
            }
        }
        return nil
    }
}
