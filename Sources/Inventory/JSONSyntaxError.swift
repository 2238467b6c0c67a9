import Foundation

/// Where a JSON text stops being valid JSON, and why.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Byte offset of the fault (the end of the text when it ends too soon).
    public let offset: Int
    /// What is wrong there, in a few words.
    public let reason: String

    /// Whether Foundation's JSON parser takes text starting with `head` for
    /// UTF-16 or UTF-32: a byte order mark, or NUL bytes where ASCII text in
    /// those encodings has them (RFC 4627's detection, as Foundation does it).
    static func looksWide(_ head: [UInt8]) -> Bool {
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return true }
        if head.count >= 4 {
            return (head[0] == 0 && head[1] == 0 && head[2] == 0) || (head[1] == 0 && head[2] == 0 && head[3] == 0)
                || (head[0] == 0 && head[2] == 0) || (head[1] == 0 && head[3] == 0)
        }
        return head.count >= 2 && (head[0] == 0 || head[1] == 0)
    }

    /// The 1-based line and column (in characters) of `offset` in `data`.
    public func position(in data: Data) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(max(0, offset)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count characters, not UTF-8 continuation bytes
            }
        }
        return (line, column)
    }

    /// The first syntax error of `data` as JSON (RFC 8259), or `nil` when it
    /// is valid JSON or, by Foundation's reckoning, UTF-16 or UTF-32: its
    /// answer stands for those.
    public static func first(in data: Data) -> JSONSyntaxError? {
        if looksWide(Array(data.prefix(4))) { return nil }
        do {
            _ = try SnapshotJSONParser.parse(data)
            return nil
        } catch let declined as SnapshotFastPathDeclined {
            return declined.syntax
        } catch {
            return nil
        }
    }
}

/// Anything the fast path does not handle exactly as `JSONDecoder` does:
/// the caller then decodes with `JSONDecoder`, whose answer (or error, with
/// its path and line) is the one the user sees.
struct SnapshotFastPathDeclined: Error {
    /// Set when the text is not JSON at all: where and why. `JSONDecoder`
    /// rejects such text too but (on this Foundation) without a position,
    /// so this is what tells the user the line and column. `nil` for valid
    /// JSON the fast path just does not take (duplicate keys, deep nesting).
    var syntax: JSONSyntaxError?

    init(syntax: JSONSyntaxError? = nil) {
        self.syntax = syntax
    }
}
