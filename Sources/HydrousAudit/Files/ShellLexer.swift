import Foundation

/// One word of a shell command, with the line it starts on.
public struct ShellToken: Sendable, Equatable {
    /// The word after quote removal.
    public var text: String
    /// The 1-based line where the word starts.
    public var line: Int
    /// True when any part of the word was single-quoted (no `$VAR` expansion there).
    public var singleQuoted: Bool

    /// Creates a token.
    public init(text: String, line: Int, singleQuoted: Bool = false) {
        self.text = text
        self.line = line
        self.singleQuoted = singleQuoted
    }
}

/// One simple command of a script: the words between separators.
public struct ShellCommand: Sendable, Equatable {
    /// The words.
    public var tokens: [ShellToken]
    /// `NAME` when the command runs inside `NAME=$(...)`: its output is assigned.
    public var assignTo: String?
}

/// Splits shell text into simple commands the way a POSIX shell reads them,
/// enough for runbooks: `\` continuations, single and double quotes, comments,
/// `$(...)` and backticks (their inner commands come out first, in order),
/// `|`, `;`, `&&`, `||`, and redirections (dropped). Comment lines inside a
/// `\`-continued command are skipped and the command goes on (this is where
/// `# hydrous-audit:ignore` comments sit).
struct ShellLexer {
    private let chars: [Character]
    private var index = 0
    private var line: Int
    private var commands: [ShellCommand] = []
    private var current: [ShellToken] = []
    private var word = ""
    private var wordLine = 0
    private var inWord = false
    private var wordSingleQuoted = false
    private var skipNextWord = false
    private(set) var problems: [(line: Int, message: String)] = []
    private let depth: Int

    /// Commands of `text`, whose first line is `firstLine`.
    static func commands(in text: String, firstLine: Int) -> (commands: [ShellCommand], problems: [(line: Int, message: String)]) {
        var lexer = ShellLexer(text: text, firstLine: firstLine, depth: 0)
        lexer.run()
        return (lexer.commands, lexer.problems)
    }

    private init(text: String, firstLine: Int, depth: Int) {
        self.chars = Array(text)
        self.line = firstLine
        self.depth = depth
    }

    private mutating func run() {
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\\":
                if peek(1) == "\n" {
                    index += 2
                    line += 1
                    skipCommentLinesInContinuation()
                } else {
                    startWord()
                    if let next = peek(1) { word.append(next) }
                    index += 2
                }
            case "'": readSingleQuoted()
            case "\"": readDoubleQuoted()
            case "`": readSubstitution(open: 1, close: "`")
            case "$" where peek(1) == "(": readSubstitution(open: 2, close: ")")
            case "#" where !inWord:
                while index < chars.count, chars[index] != "\n" { index += 1 }
            case "\n":
                endCommand()
                line += 1
                index += 1
            case " ", "\t", "\r":
                endWord()
                index += 1
            case ";", "|", "(", ")":
                endCommand()
                index += 1
            case "&":
                endCommand()
                index += 1
            case ">", "<":
                // A redirection: drop it (with an fd number before it) and its target word.
                if inWord, word.allSatisfy(\.isNumber) { inWord = false; word = "" } else { endWord() }
                while index < chars.count, chars[index] == ">" || chars[index] == "<" || chars[index] == "&" { index += 1 }
                skipNextWord = true
            default:
                startWord()
                word.append(char)
                index += 1
            }
        }
        endCommand()
    }

    private func peek(_ offset: Int) -> Character? {
        let at = index + offset
        return at >= 0 && at < chars.count ? chars[at] : nil
    }

    private mutating func startWord() {
        if !inWord {
            inWord = true
            wordLine = line
            wordSingleQuoted = false
        }
    }

    private mutating func endWord() {
        guard inWord else { return }
        if skipNextWord {
            skipNextWord = false
        } else {
            current.append(ShellToken(text: word, line: wordLine, singleQuoted: wordSingleQuoted))
        }
        word = ""
        inWord = false
    }

    private mutating func endCommand() {
        endWord()
        skipNextWord = false
        if !current.isEmpty { commands.append(ShellCommand(tokens: current, assignTo: nil)) }
        current = []
    }

    /// After a `\` continuation, whole comment lines do not end the command.
    private mutating func skipCommentLinesInContinuation() {
        while true {
            var probe = index
            while probe < chars.count, chars[probe] == " " || chars[probe] == "\t" { probe += 1 }
            guard probe < chars.count, chars[probe] == "#" else { return }
            while probe < chars.count, chars[probe] != "\n" { probe += 1 }
            guard probe < chars.count else { index = probe; return }
            index = probe + 1
            line += 1
        }
    }

    private mutating func readSingleQuoted() {
        startWord()
        wordSingleQuoted = true
        let start = line
        index += 1
        while index < chars.count, chars[index] != "'" {
            if chars[index] == "\n" { line += 1 }
            word.append(chars[index])
            index += 1
        }
        if index >= chars.count { problems.append((start, "a single quote opened here is never closed")) }
        index += 1
    }

    private mutating func readDoubleQuoted() {
        startWord()
        let start = line
        index += 1
        while index < chars.count, chars[index] != "\"" {
            let char = chars[index]
            if char == "\\", let next = peek(1) {
                if next == "\n" {
                    line += 1
                } else if "\"\\$`".contains(next) {
                    word.append(next)
                } else {
                    word.append(char)
                    word.append(next)
                }
                index += 2
                continue
            }
            if char == "$", peek(1) == "(" { readSubstitution(open: 2, close: ")"); continue }
            if char == "`" { readSubstitution(open: 1, close: "`"); continue }
            if char == "\n" { line += 1 }
            word.append(char)
            index += 1
        }
        if index >= chars.count { problems.append((start, "a double quote opened here is never closed")) }
        index += 1
    }

    /// `$(...)` or backticks: lex the inside as its own script; the word keeps a placeholder.
    private mutating func readSubstitution(open: Int, close: Character) {
        let declarers: Set<String> = ["export", "local", "readonly", "declare"]
        let assigns = current.allSatisfy { declarers.contains($0.text) } && inWord && word.hasSuffix("=")
        let assignTo: String? = assigns ? Self.assignmentName(word) : nil
        startWord()
        let startLine = line
        index += open
        var inner = ""
        var nesting = 0
        var quote: Character?
        while index < chars.count {
            let char = chars[index]
            if let open = quote {
                if char == open { quote = nil } else if char == "\\", open == "\"", let next = peek(1) { inner.append(char); inner.append(next); index += 2; continue }
            } else if char == "'" || char == "\"" {
                quote = char
            } else if close == ")" && char == "(" {
                nesting += 1
            } else if char == close {
                if nesting == 0 { break }
                nesting -= 1
            }
            if char == "\n" { line += 1 }
            inner.append(char)
            index += 1
        }
        if index >= chars.count { problems.append((startLine, "a command substitution opened here is never closed")) }
        index += 1
        word += "$(…)"
        guard depth < 16 else { return }
        var nested = ShellLexer(text: inner, firstLine: startLine, depth: depth + 1)
        nested.run()
        problems += nested.problems
        commands += nested.commands.map { ShellCommand(tokens: $0.tokens, assignTo: $0.assignTo ?? assignTo) }
    }

    /// `NAME` of a word `NAME=` when it is a valid shell variable name.
    static func assignmentName(_ word: String) -> String? {
        guard let equals = word.firstIndex(of: "=") else { return nil }
        let name = word[..<equals]
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(name)
    }
}
