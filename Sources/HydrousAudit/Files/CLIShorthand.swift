import Foundation

/// The AWS CLI shorthand syntax (`Key=Project,Value=X`,
/// `awsvpcConfiguration={subnets=[a,b],assignPublicIp=ENABLED}`,
/// `Values=a,b,c`) read into a `LocatedJSON` object whose leaves are strings,
/// all on the line of the argument.
struct CLIShorthand {
    /// Why a shorthand argument was not understood.
    struct SyntaxError: Error, Equatable {
        var message: String
    }

    private let chars: [Character]
    private var index = 0
    private let line: Int
    private var depth = 0

    /// Parses one argument written on `line`.
    static func parse(_ text: String, line: Int) throws -> LocatedJSON {
        var parser = CLIShorthand(chars: Array(text), line: line)
        let value = try parser.parseStruct(terminator: nil)
        guard parser.index >= parser.chars.count else {
            throw SyntaxError(message: "unexpected '\(parser.chars[parser.index])' in shorthand `\(text)`")
        }
        return value
    }

    private init(chars: [Character], line: Int) {
        self.chars = chars
        self.line = line
    }

    private func located(_ value: LocatedJSON.Value) -> LocatedJSON { LocatedJSON(value, line: line) }

    private static func isKeyCharacter(_ char: Character) -> Bool {
        char.isLetter || char.isNumber || "_-.:/@".contains(char)
    }

    /// `key=value,key=value` up to `terminator` (or the end).
    private mutating func parseStruct(terminator: Character?) throws -> LocatedJSON {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw SyntaxError(message: "shorthand nests too deeply") }
        var members: [LocatedJSON.Member] = []
        while index < chars.count, chars[index] != terminator {
            let keyStart = index
            while index < chars.count, chars[index] != "=", Self.isKeyCharacter(chars[index]) { index += 1 }
            let key = String(chars[keyStart..<index]).trimmedWhitespace
            guard index < chars.count, chars[index] == "=", !key.isEmpty else {
                throw SyntaxError(message: "expected `key=value` in shorthand near `\(String(chars[keyStart...]).prefix(40))`")
            }
            index += 1
            let value = try parseValue(terminator: terminator)
            members.append(LocatedJSON.Member(key: key, keyLine: line, value: value))
            if index < chars.count, chars[index] == "," { index += 1 }
        }
        return located(.object(members))
    }

    private mutating func parseValue(terminator: Character?) throws -> LocatedJSON {
        guard index < chars.count else { return located(.string("")) }
        switch chars[index] {
        case "[": return try parseList()
        case "{":
            index += 1
            let inner = try parseStruct(terminator: "}")
            guard index < chars.count, chars[index] == "}" else { throw SyntaxError(message: "a `{` in shorthand is never closed") }
            index += 1
            return inner
        default:
            var items = [try parseScalar(stops: [",", terminator].compactMap { $0 })]
            // `Values=a,b,c`: more scalars until something that looks like the next `key=`.
            while index < chars.count, chars[index] == ",", !nextLooksLikeKey(from: index + 1) {
                index += 1
                items.append(try parseScalar(stops: [",", terminator].compactMap { $0 }))
            }
            return items.count == 1 ? items[0] : located(.array(items))
        }
    }

    private mutating func parseList() throws -> LocatedJSON {
        index += 1
        var items: [LocatedJSON] = []
        while index < chars.count, chars[index] != "]" {
            if chars[index] == "{" {
                index += 1
                items.append(try parseStruct(terminator: "}"))
                guard index < chars.count, chars[index] == "}" else { throw SyntaxError(message: "a `{` in shorthand is never closed") }
                index += 1
            } else {
                items.append(try parseScalar(stops: [",", "]"]))
            }
            if index < chars.count, chars[index] == "," { index += 1 }
        }
        guard index < chars.count else { throw SyntaxError(message: "a `[` in shorthand is never closed") }
        index += 1
        return located(.array(items))
    }

    private mutating func parseScalar(stops: [Character]) throws -> LocatedJSON {
        if index < chars.count, chars[index] == "\"" || chars[index] == "'" {
            let quote = chars[index]
            index += 1
            var text = ""
            while index < chars.count, chars[index] != quote {
                if chars[index] == "\\", index + 1 < chars.count { index += 1 }
                text.append(chars[index])
                index += 1
            }
            guard index < chars.count else { throw SyntaxError(message: "a quote in shorthand is never closed") }
            index += 1
            return located(.string(text))
        }
        let start = index
        while index < chars.count, !stops.contains(chars[index]) { index += 1 }
        return located(.string(String(chars[start..<index]).trimmedWhitespace))
    }

    private func nextLooksLikeKey(from position: Int) -> Bool {
        var probe = position
        while probe < chars.count, chars[probe] != "=", Self.isKeyCharacter(chars[probe]) { probe += 1 }
        return probe > position && probe < chars.count && chars[probe] == "="
    }
}
