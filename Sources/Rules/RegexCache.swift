import Foundation

/// Compiled regular expressions, shared: the detector and the rules test the
/// same few patterns against every environment value, and compiling a pattern
/// per call made a 1,000-service audit spend most of its time in the compiler.
enum RegexCache {
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var compiled: [String: NSRegularExpression] = [:]
    }

    private static let store = Store()

    /// True when `pattern` matches somewhere in `text` (as `range(of:options: .regularExpression)`).
    /// Printable-ASCII text goes to the pattern's hand-written matcher when it has one (`FastPatterns`).
    static func matches(_ text: String, _ pattern: String) -> Bool {
        if let matcher = FastPatterns.matchers[pattern], FastText.isPrintableASCII(text) {
            var copy = text
            return copy.withUTF8 { matcher($0) }
        }
        return regexMatches(text, pattern)
    }

    /// A pattern with its hand-written matcher looked up once: `matches`
    /// hashed the pattern text on every call (a dozen calls per environment
    /// value). Answers exactly as `RegexCache.matches(text, pattern)`.
    struct Pattern: Sendable {
        let pattern: String
        private let matcher: (@Sendable (FastPatterns.Bytes) -> Bool)?

        init(_ pattern: String) {
            self.pattern = pattern
            matcher = FastPatterns.matchers[pattern]
        }

        /// True when a hand-written matcher answers for printable-ASCII text.
        var hasFastMatcher: Bool { matcher != nil }

        /// `RegexCache.matches(text, pattern)`.
        func matches(_ text: String) -> Bool {
            matches(text, printableASCII: FastText.isPrintableASCII(text))
        }

        /// `matches(text)`, given `FastText.isPrintableASCII(text)` (for a
        /// caller trying several patterns on one text).
        func matches(_ text: String, printableASCII: Bool) -> Bool {
            if let matcher, printableASCII {
                var copy = text
                return copy.withUTF8 { matcher($0) }
            }
            return regexMatches(text, pattern)
        }
    }

    /// The regular expression's own answer (what the fast matchers are tested against).
    static func regexMatches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = expression(pattern) else { return false }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    private static func expression(_ pattern: String) -> NSRegularExpression? {
        try? compiled(pattern)
    }

    /// `pattern` compiled (once a run); throws when it is not a valid expression.
    static func compiled(_ pattern: String) throws -> NSRegularExpression {
        store.lock.lock()
        defer { store.lock.unlock() }
        if let cached = store.compiled[pattern] { return cached }
        let compiled = try NSRegularExpression(pattern: pattern)
        store.compiled[pattern] = compiled
        return compiled
    }
}
