import Foundation
import Yams

extension Budget {
    /// Reads a budget file (`--budget FILE`). Format (see `pricing/budget.example.yml`):
    ///
    /// ```yaml
    /// version: 1            # optional
    /// rows:                 # in the order the report shows them
    ///   - row: RDS PostgreSQL          # a guide row (English or Spanish) or a label of your own
    ///     cost: "$15-25"               # a range, a single figure (20) or Variable
    ///   - row: Public IPv4 addresses
    ///     min: 0                       # or min and max as numbers (min defaults to 0)
    ///     max: 12
    /// total:
    ///   cost: "$65-100"                # or min/max; leave out for no total
    /// ```
    /// - Throws: `PricingError` with file and line for every malformed entry.
    public static func loadYAML(path: String) throws -> Budget {
        try parseYAML(YAMLInput.read(path: path), file: path)
    }

    /// Parses budget YAML; `file` names it in errors.
    public static func parseYAML(_ text: String, file: String) throws -> Budget {
        guard let root = try YAMLInput.compose(text, file: file), case let .mapping(mapping) = root else {
            throw PricingError.invalidBudget(file: file, line: 1, message: "the budget must be a mapping with `rows:` (and optionally `total:`)")
        }
        var budget = Budget(rows: [], totalMin: nil, totalMax: nil)
        for (keyNode, value) in mapping {
            let line = YAMLInput.line(keyNode)
            switch YAMLInput.string(keyNode) ?? "" {
            case "version":
                guard YAMLInput.number(value) == 1 else {
                    throw PricingError.invalidBudget(file: file, line: line, message: "version must be 1")
                }
            case "rows":
                guard case let .sequence(rows) = value else {
                    throw PricingError.invalidBudget(file: file, line: line, message: "`rows` must be a list of `- row: NAME` entries")
                }
                budget.rows = try rows.map { try readRow($0, file: file) }
            case "total":
                let figure = try readFigure(value, file: file, what: "total")
                budget.totalMin = figure.min
                budget.totalMax = figure.max
            case let other:
                throw PricingError.invalidBudget(file: file, line: line, message: "unknown key '\(other)'; use `rows` and `total`")
            }
        }
        guard !budget.rows.isEmpty else {
            throw PricingError.invalidBudget(file: file, line: YAMLInput.line(root), message: "no `rows` given")
        }
        return budget
    }

    private static func readRow(_ node: Node, file: String) throws -> BudgetRow {
        guard case let .mapping(mapping) = node,
              let nameNode = mapping["row"], let name = YAMLInput.string(nameNode), !name.isEmpty else {
            throw PricingError.invalidBudget(file: file, line: YAMLInput.line(node), message: "each row needs `row: NAME`")
        }
        let figure = try readFigure(node, file: file, what: "row '\(name)'")
        let (guideRow, label) = label(forName: name)
        return BudgetRow(guideRow: guideRow, label: label, min: figure.min, max: figure.max, text: figure.text)
    }

    /// Reads `cost: TEXT`, or `min`/`max` numbers, out of a mapping.
    private static func readFigure(_ node: Node, file: String, what: String) throws -> (min: Double?, max: Double?, text: String) {
        guard case let .mapping(mapping) = node else {
            throw PricingError.invalidBudget(file: file, line: YAMLInput.line(node), message: "\(what) needs `cost:` or `min:`/`max:`")
        }
        var low: Double?
        var high: Double?
        var text: String?
        for (keyNode, value) in mapping {
            let key = YAMLInput.string(keyNode) ?? ""
            let line = YAMLInput.line(value)
            switch key {
            case "row": continue
            case "cost":
                let written = YAMLInput.string(value) ?? ""
                guard let figure = parseFigure(written) else {
                    throw PricingError.invalidBudget(file: file, line: line, message: "\(what): cannot read the cost '\(written)'; write 20, \"$15-25\" or Variable")
                }
                (low, high, text) = (figure.min, figure.max, written)
            case "min", "max":
                guard let number = YAMLInput.number(value), number >= 0 else {
                    throw PricingError.invalidBudget(file: file, line: line, message: "\(what): \(key) must be a number >= 0")
                }
                if key == "min" { low = number } else { high = number }
            default:
                throw PricingError.invalidBudget(
                    file: file, line: YAMLInput.line(keyNode), message: "\(what): unknown key '\(key)'; use row, cost, min, max")
            }
        }
        if text == nil, high != nil || low != nil {
            guard let top = high else {
                throw PricingError.invalidBudget(file: file, line: YAMLInput.line(node), message: "\(what): `min` needs a `max`")
            }
            low = low ?? 0
            guard let bottom = low, bottom <= top else {
                throw PricingError.invalidBudget(file: file, line: YAMLInput.line(node), message: "\(what): min is above max")
            }
            text = bottom == top ? "$\(Money.format(top))" : "$\(Money.format(bottom))-\(Money.format(top))"
        }
        guard let text else {
            throw PricingError.invalidBudget(file: file, line: YAMLInput.line(node), message: "\(what) needs `cost:` or `min:`/`max:`")
        }
        return (low, high, text)
    }
}
