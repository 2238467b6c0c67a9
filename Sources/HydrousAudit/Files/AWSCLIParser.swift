import Foundation

/// One `aws SERVICE OPERATION --flag value ...` command read from a file.
public struct AWSCLICommand: Sendable, Equatable {
    /// One `--flag` with the words that follow it.
    public struct Flag: Sendable, Equatable {
        /// The flag name without `--` (and without `no-` when `negated`).
        public var name: String
        /// The words after the flag up to the next `--flag` (or the `=value` part).
        public var values: [ShellToken]
        /// True for `--no-NAME` written without values.
        public var negated: Bool
        /// The line of the flag itself.
        public var line: Int

        /// The line of the first value, else of the flag.
        public var valueLine: Int { values.first?.line ?? line }
    }

    /// `rds`, `ecs`, ...
    public var service: String
    /// `create-db-instance`, ...
    public var operation: String
    /// The line of the `aws` word.
    public var line: Int
    /// Flags in order of appearance.
    public var flags: [Flag]
    /// Words after the operation that belong to no flag.
    public var positionals: [ShellToken]
    /// The shell variable the command's output is assigned to (`X=$(aws ...)`).
    public var assignTo: String?

    /// The last occurrence of `--name` (or `--no-name`).
    public func flag(_ name: String) -> Flag? { flags.last { $0.name == name } }

    /// The first value of `--name`.
    public func value(_ name: String) -> String? { flag(name)?.values.first?.text }

    /// Every value of `--name` (`--subnets a b` → `[a, b]`).
    public func values(_ name: String) -> [String] { flag(name)?.values.map(\.text) ?? [] }

    /// The line of `--name`'s value (or of the flag when it has none).
    public func line(_ name: String) -> Int? { flag(name)?.valueLine }

    /// An integer value of `--name`.
    public func int(_ name: String) -> Int? { value(name).flatMap { Int($0) } }

    /// `--name` → true, `--no-name` → false, `--name true|false` → that; `nil` when absent.
    public func bool(_ name: String) -> Bool? {
        guard let flag = flag(name) else { return nil }
        if flag.negated { return false }
        guard let text = flag.values.first?.text.lowercased() else { return true }
        if text == "false" { return false }
        return true
    }
}

/// Reads `aws` commands out of shell commands: global options before the
/// service, `--flag value`, `--flag=value`, `--no-flag`, multi-value flags.
public enum AWSCLIParser {
    /// Global options that take a value when written before the service.
    static let globalOptionsWithValue: Set<String> = [
        "region", "profile", "output", "endpoint-url", "query", "color", "ca-bundle",
        "cli-read-timeout", "cli-connect-timeout", "cli-binary-format",
    ]

    /// Parses a script's text into AWS CLI commands. `firstLine` numbers the
    /// text's first line. Problems (an `aws` without an operation, an unclosed
    /// quote) come back as `file:line: message` strings; nothing throws.
    public static func parse(script: String, file: String, firstLine: Int = 1) -> (commands: [AWSCLICommand], problems: [String]) {
        let lexed = ShellLexer.commands(in: script, firstLine: firstLine)
        var problems = lexed.problems.map { "\(file):\($0.line): \($0.message)" }
        var commands: [AWSCLICommand] = []
        for shell in lexed.commands {
            switch command(from: shell) {
            case .none: break
            case let .some(.success(command)): commands.append(command)
            case let .some(.failure(problem)): problems.append("\(file):\(problem.line): \(problem.message)")
            }
        }
        return (commands, problems)
    }

    /// A failure to read one `aws` command.
    struct Problem: Error {
        var line: Int
        var message: String
    }

    /// The AWS CLI command in `shell`, `nil` when it is not an `aws` command.
    static func command(from shell: ShellCommand) -> Result<AWSCLICommand, Problem>? {
        var tokens = shell.tokens[...]
        // Leading console prompts, `NAME=value` environment assignments and wrappers.
        while let first = tokens.first,
              ShellLexer.assignmentName(first.text) != nil || ["$", "%", "sudo", "time", "exec", "command", "env"].contains(first.text) {
            tokens = tokens.dropFirst()
        }
        guard let head = tokens.first, isAWSExecutable(head.text) else { return nil }
        tokens = tokens.dropFirst()
        // Global options before the service.
        while let first = tokens.first, first.text.hasPrefix("--") {
            let name = String(first.text.dropFirst(2))
            tokens = tokens.dropFirst()
            if globalOptionsWithValue.contains(name), !name.contains("=") { tokens = tokens.dropFirst() }
        }
        guard let service = tokens.first, !service.text.hasPrefix("-") else {
            return .failure(Problem(line: head.line, message: "`aws` without a service and an operation was not understood"))
        }
        tokens = tokens.dropFirst()
        guard let operation = tokens.first, !operation.text.hasPrefix("-") else {
            if ["help", "configure"].contains(service.text) { return nil }
            return .failure(Problem(line: service.line, message: "`aws \(service.text)` without an operation was not understood"))
        }
        tokens = tokens.dropFirst()
        var command = AWSCLICommand(
            service: service.text.lowercased(), operation: operation.text.lowercased(), line: head.line,
            flags: [], positionals: [], assignTo: shell.assignTo
        )
        for token in tokens {
            if token.text.hasPrefix("--"), token.text.count > 2 {
                command.flags.append(flag(token))
            } else if !command.flags.isEmpty {
                command.flags[command.flags.count - 1].values.append(token)
            } else {
                command.positionals.append(token)
            }
        }
        for index in command.flags.indices where command.flags[index].name.hasPrefix("no-") && command.flags[index].values.isEmpty {
            command.flags[index].name = String(command.flags[index].name.dropFirst(3))
            command.flags[index].negated = true
        }
        return .success(command)
    }

    private static func flag(_ token: ShellToken) -> AWSCLICommand.Flag {
        let body = String(token.text.dropFirst(2))
        if let equals = body.firstIndex(of: "=") {
            let value = ShellToken(text: String(body[body.index(after: equals)...]), line: token.line, singleQuoted: token.singleQuoted)
            return AWSCLICommand.Flag(name: String(body[..<equals]).lowercased(), values: [value], negated: false, line: token.line)
        }
        return AWSCLICommand.Flag(name: body.lowercased(), values: [], negated: false, line: token.line)
    }

    private static func isAWSExecutable(_ word: String) -> Bool {
        let base = word.split(separator: "/").last.map(String.init) ?? word
        return base == "aws" || base == "awslocal"
    }
}
