import Foundation

/// Splits variable, flag and key names into upper-cased whole words:
/// on `_`, `-`, `.`, spaces and camelCase boundaries
/// (`JWT_SECRET_KEY` → JWT SECRET KEY, `jwtSecretKey` → JWT SECRET KEY,
/// `--master-user-password` → MASTER USER PASSWORD, `JWTSecret` → JWT SECRET).
enum NameWords {
    static let separators: Set<Character> = ["_", "-", ".", " ", "/", ":", "[", "]"]

    /// The words of `name`, upper-cased, in order.
    static func split(_ name: String) -> [String] {
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
