import Foundation

/// Splits variable, flag and key names into upper-cased whole words:
/// on `_`, `-`, `.`, spaces and camelCase boundaries
/// (`JWT_SECRET_KEY` → JWT SECRET KEY, `jwtSecretKey` → JWT SECRET KEY,
/// `--master-user-password` → MASTER USER PASSWORD, `JWTSecret` → JWT SECRET).
enum NameWords {
    static let separators: Set<Character> = ["_", "-", ".", " ", "/", ":", "[", "]"]

    /// The words of `name`, upper-cased, in order.
    static func split(_ name: String) -> [String] {
        name.utf8.allSatisfy({ $0 < 0x80 }) ? splitASCII(name) : splitCharacters(name)
    }

    /// `split` on Characters: the general path (and the reference `splitASCII` is tested against).
    static func splitCharacters(_ name: String) -> [String] {
        let chars = Array(name)
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current.uppercased()) }
            current = ""
        }
        for (index, char) in chars.enumerated() {
            if separators.contains(char) {
                flush()
                continue
            }
            if char.isUppercase, let previous = current.last {
                let nextIsLower = index + 1 < chars.count && chars[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { flush() }
            }
            current.append(char)
        }
        flush()
        return words
    }

    /// `split` for ASCII names, on bytes (the same rules: ASCII letters and
    /// digits are the only upper-case, lower-case and number characters there).
    static func splitASCII(_ name: String) -> [String] {
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        let bytes = Array(name.utf8)
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for (index, byte) in bytes.enumerated() {
            if asciiSeparators.contains(byte) {
                flush()
                continue
            }
            if isUpper(byte), !current.isEmpty {
                let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                // `current` holds upper-cased bytes: the previous byte of `name` has the original case.
                let original = bytes[index - 1]
                if isLower(original) || isDigit(original) || (isUpper(original) && nextIsLower) { flush() }
            }
            current.append(isLower(byte) ? byte - 0x20 : byte)
        }
        flush()
        return words
    }

    static let asciiSeparators: Set<UInt8> = Set("_-. /:[]".utf8)

    /// Splits a configured word sequence (`API_KEY`, `_FILE`) into its words.
    static func sequence(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map { $0.uppercased() }
    }

    /// True when `needle` occurs as consecutive words of `words`.
    static func contains(_ words: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= words.count else { return false }
        for start in 0...(words.count - needle.count) where Array(words[start..<(start + needle.count)]) == needle {
            return true
        }
        return false
    }
}
