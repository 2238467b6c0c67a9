import Foundation

/// Why `rules/*.yml` could not be used; every message names the file (and
/// the line when the input is at fault) and says what to change.
public enum RulesConfigError: Error, LocalizedError, Equatable {
    /// The folder does not exist or cannot be listed.
    case missingDirectory(path: String)
    /// A file could not be read.
    case unreadable(file: String, reason: String)
    /// The YAML itself is malformed.
    case malformedYAML(file: String, line: Int?, problem: String)
    /// A rule id that no rule has.
    case unknownRule(file: String, line: Int, id: String, suggestion: String?)
    /// A key with the wrong type, an unknown key, a bad severity or date.
    case invalidValue(file: String, line: Int, key: String, problem: String)

    /// The message for the user: file, line, problem and what to do.
    public var errorDescription: String? {
        switch self {
        case let .missingDirectory(path):
            return "\(path): no such rules folder. Pass an existing folder, or omit it to use the built-in defaults."
        case let .unreadable(file, reason):
            return "\(file): cannot read the rules file (\(reason)). Check the path and its permissions."
        case let .malformedYAML(file, line, problem):
            let position = line.map { ":\($0)" } ?? ""
            return "\(file)\(position): not valid YAML: \(problem). Fix the indentation or quoting on that line."
        case let .unknownRule(file, line, id, suggestion):
            let hint = suggestion.map { " Did you mean `\($0)`?" } ?? ""
            return "\(file):\(line): unknown rule id `\(id)`.\(hint) Run `hydrous-audit rules list` to see every id."
        case let .invalidValue(file, line, key, problem):
            return "\(file):\(line): `\(key)`: \(problem)."
        }
    }
}
