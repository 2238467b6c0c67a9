import Foundation

/// Everything that can go wrong reading pricing inputs: the price table, a
/// usage file, a budget file or the guide's cost table. Each message names the
/// file (and the line when the input is at fault) and says what to do next.
public enum PricingError: LocalizedError, Equatable, Sendable {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The price table is not valid JSON.
    case jsonSyntax(file: String, line: Int?, column: Int?, detail: String)
    /// The price table is valid JSON but not a valid table.
    case invalidPriceTable(file: String, line: Int?, message: String)
    /// A YAML file (usage or budget) is not valid YAML.
    case yamlSyntax(file: String, line: Int?, detail: String)
    /// A usage file holds a key this tool does not know.
    case unknownUsageKey(file: String, line: Int?, key: String, known: [String])
    /// A usage file holds a value of the wrong kind.
    case invalidUsage(file: String, line: Int?, message: String)
    /// A budget file is malformed.
    case invalidBudget(file: String, line: Int?, message: String)
    /// The guide holds no cost table this tool can read.
    case noCostTable(file: String, line: Int?)
    /// A figure of the guide's cost table cannot be read.
    case unreadableCostFigure(file: String, line: Int, text: String)

    /// `file:line` or `file` alone.
    static func place(_ file: String, _ line: Int?, _ column: Int? = nil) -> String {
        guard let line else { return file }
        guard let column else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// The message shown to the user.
    public var errorDescription: String? {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file (\(reason)). Check the path and its permissions."
        case let .jsonSyntax(file, line, column, detail):
            return "\(Self.place(file, line, column)): the price table is not valid JSON (\(detail)). "
                + "Fix the syntax there, or rebuild the file with `hydrous-audit pricing refresh`."
        case let .invalidPriceTable(file, line, message):
            return "\(Self.place(file, line)): \(message)"
        case let .yamlSyntax(file, line, detail):
            return "\(Self.place(file, line)): not valid YAML (\(detail)). Fix the syntax there."
        case let .unknownUsageKey(file, line, key, known):
            return "\(Self.place(file, line)): unknown usage key '\(key)'. Known keys: \(known.joined(separator: ", ")) "
                + "(see pricing/usage.example.yml)."
        case let .invalidUsage(file, line, message):
            return "\(Self.place(file, line)): \(message) (see pricing/usage.example.yml)."
        case let .invalidBudget(file, line, message):
            return "\(Self.place(file, line)): \(message) (see pricing/budget.example.yml)."
        case let .noCostTable(file, line):
            return "\(Self.place(file, line)): no cost table found. The guide needs a Markdown table whose header "
                + "names a cost column (e.g. `| Service | Instance type | Estimated cost (USD/month) |`); "
                + "or pass the budget as YAML with --budget."
        case let .unreadableCostFigure(file, line, text):
            return "\(file):\(line): cannot read the cost '\(text)'. Write a figure such as `$20`, a range such as "
                + "`$15-25`, or `Variable`."
        }
    }
}
