import Foundation
import Inventory
import Yams

/// Reading a small YAML input (usage or budget file) with line numbers kept.
enum YAMLInput {
    /// Reads `path` as text.
    static func read(path: String) throws -> String {
        do {
            return try InputFile.readText(path: path)
        } catch {
            throw PricingError.unreadable(file: path, reason: error.localizedDescription)
        }
    }

    /// Composes `text` into a node tree; `nil` for an empty document.
    static func compose(_ text: String, file: String) throws -> Node? {
        do {
            // No tag resolution: these files are read as text and numbers
            // (`number`, `string`), and Yams' default resolver compiles and
            // runs seven ICU regular expressions (RulesFileReader.bool).
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw PricingError.yamlSyntax(file: file, line: line(of: error), detail: problem(of: error))
        } catch {
            throw PricingError.yamlSyntax(file: file, line: nil, detail: String(describing: error))
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "malformed document"
        }
    }

    /// The 1-based line of `node`.
    static func line(_ node: Node) -> Int? { node.mark?.line }

    /// A non-negative number held by `node`, or `nil` when it is not one.
    static func number(_ node: Node) -> Double? {
        guard case let .scalar(scalar) = node else { return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The string of a scalar node.
    static func string(_ node: Node) -> String? {
        guard case let .scalar(scalar) = node else { return nil }
        return scalar.string
    }
}
