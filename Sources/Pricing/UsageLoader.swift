import Foundation
import Yams

extension Usage {
    /// Reads a usage file. Keys may be nested (`alb:` then `lcu: 2`) or
    /// dotted (`alb.lcu: 2`); `version: 1` is optional.
    /// - Throws: `PricingError` with file and line for unknown keys, values
    ///   that are not non-negative numbers, and YAML syntax errors.
    public static func load(path: String) throws -> Usage {
        try parse(YAMLInput.read(path: path), file: path)
    }

    /// Parses usage YAML; `file` names it in errors and in assumptions.
    public static func parse(_ text: String, file: String) throws -> Usage {
        var usage = Usage(file: file)
        guard let root = try YAMLInput.compose(text, file: file) else { return usage }
        guard case let .mapping(mapping) = root else {
            throw PricingError.invalidUsage(file: file, line: YAMLInput.line(root), message: "the usage file must be a mapping of keys to numbers")
        }
        try usage.read(mapping, prefix: "", file: file)
        return usage
    }

    private static var knownKeys: [String] {
        Key.allCases.map(\.rawValue) + [logGroupOverridesKey]
    }

    private mutating func read(_ mapping: Node.Mapping, prefix: String, file: String) throws {
        for (keyNode, valueNode) in mapping {
            let name = YAMLInput.string(keyNode) ?? ""
            let path = prefix.isEmpty ? name : prefix + "." + name
            let line = YAMLInput.line(keyNode)
            if path == "version" {
                guard YAMLInput.number(valueNode) == 1 else {
                    throw PricingError.invalidUsage(file: file, line: line, message: "version must be 1")
                }
            } else if let key = Key(rawValue: path) {
                values[key] = try Self.figure(valueNode, key: path, file: file)
            } else if path == Self.logGroupOverridesKey {
                try readLogGroups(valueNode, file: file)
            } else if Self.knownKeys.contains(where: { $0.hasPrefix(path + ".") }) {
                guard case let .mapping(inner) = valueNode else {
                    throw PricingError.invalidUsage(file: file, line: line, message: "'\(path)' must hold keys, e.g. \(Self.example(under: path))")
                }
                try read(inner, prefix: path, file: file)
            } else {
                throw PricingError.unknownUsageKey(file: file, line: line, key: path, known: Self.knownKeys)
            }
        }
    }

    private mutating func readLogGroups(_ node: Node, file: String) throws {
        guard case let .mapping(groups) = node else {
            throw PricingError.invalidUsage(
                file: file, line: YAMLInput.line(node),
                message: "'\(Self.logGroupOverridesKey)' must map log group names to GB per month")
        }
        for (nameNode, valueNode) in groups {
            let name = YAMLInput.string(nameNode) ?? ""
            logGroupIngestion[name] = try Self.figure(valueNode, key: "\(Self.logGroupOverridesKey).\(name)", file: file)
        }
    }

    private static func figure(_ node: Node, key: String, file: String) throws -> Double {
        guard let value = YAMLInput.number(node), value >= 0 else {
            throw PricingError.invalidUsage(
                file: file, line: YAMLInput.line(node),
                message: "'\(key)' must be a number >= 0, found '\(YAMLInput.string(node) ?? "a collection")'")
        }
        return value
    }

    private static func example(under prefix: String) -> String {
        knownKeys.filter { $0.hasPrefix(prefix + ".") }.map { String($0.dropFirst(prefix.count + 1)) }.joined(separator: ", ")
    }
}
