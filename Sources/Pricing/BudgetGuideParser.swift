import Foundation

extension Budget {
    /// Finds the cost table of a deployment guide by its header (a column
    /// named like cost / costo / estimated / estimado / USD) and reads it.
    /// - Throws: `PricingError.noCostTable` naming the file (and the cost
    ///   heading's line when there is one), or `.unreadableCostFigure` with the row's line.
    public static func parseGuide(markdown: String, file: String) throws -> Budget {
        let lines = markdown.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var inFence = false
        var costHeading: Int?
        for index in lines.indices {
            let text = lines[index]
            if text.hasPrefix("```") || text.hasPrefix("~~~") { inFence.toggle() }
            if inFence { continue }
            if text.hasPrefix("#"), costHeading == nil, isCostWord(text) { costHeading = index + 1 }
            guard text.hasPrefix("|"), index + 1 < lines.count, isSeparator(lines[index + 1]) else { continue }
            let header = cells(text)
            guard let costColumn = header.firstIndex(where: isCostWord) else { continue }
            return try readTable(lines, from: index + 2, costColumn: costColumn, file: file)
        }
        throw PricingError.noCostTable(file: file, line: costHeading)
    }

    private static func readTable(_ lines: [String], from start: Int, costColumn: Int, file: String) throws -> Budget {
        var budget = Budget(rows: [], totalMin: nil, totalMax: nil)
        var index = start
        while index < lines.count, lines[index].hasPrefix("|") {
            let row = cells(lines[index])
            let name = row.first.map { $0.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces) } ?? ""
            let figureText = costColumn < row.count ? row[costColumn] : ""
            guard let figure = parseFigure(figureText) else {
                throw PricingError.unreadableCostFigure(file: file, line: index + 1, text: figureText)
            }
            if name.lowercased().contains("total") {
                budget.totalMin = figure.min
                budget.totalMax = figure.max
            } else if !name.isEmpty {
                let (guideRow, label) = label(forName: name)
                let text = figureText.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
                budget.rows.append(BudgetRow(guideRow: guideRow, label: label, min: figure.min, max: figure.max, text: text))
            }
            index += 1
        }
        guard !budget.rows.isEmpty else { throw PricingError.noCostTable(file: file, line: start - 1) }
        return budget
    }

    private static func isCostWord(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["cost", "estimated", "estimado", "usd", "price", "precio"].contains { lower.contains($0) }
    }

    private static func isSeparator(_ line: String) -> Bool {
        guard line.contains("-") else { return false }
        return line.allSatisfy { "|-: ".contains($0) }
    }

    private static func cells(_ line: String) -> [String] {
        var text = Substring(line)
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") { text = text.dropLast() }
        return text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
