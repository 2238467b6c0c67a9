import Foundation
import Inventory

extension PriceTable {
    /// The conventional path of a region's table, relative to the working directory.
    public static func defaultPath(region: String) -> String { "pricing/\(region).json" }

    /// Reads and checks the table at `path`.
    /// - Throws: `PricingError` naming the file, and the line for syntax errors
    ///   and for the entry at fault.
    public static func load(path: String) throws -> PriceTable {
        let data: Data
        do {
            data = try InputFile.read(path: path)
        } catch {
            throw PricingError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try decode(data, file: path)
    }

    /// Decodes and checks a table; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> PriceTable {
        let text = String(decoding: data, as: UTF8.self)
        // Foundation's JSON parsers say no more than "not valid JSON": ours says where and why.
        if let syntax = JSONSyntaxError.first(in: data) {
            let (line, column) = syntax.position(in: data)
            throw PricingError.jsonSyntax(file: file, line: line, column: column, detail: syntax.reason)
        }
        let table: PriceTable
        do {
            table = try JSONDecoder().decode(PriceTable.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file, text: text)
        }
        try table.validate(file: file, text: text)
        return table
    }

    private static func describe(_ error: DecodingError, file: String, text: String) -> PricingError {
        func located(_ path: [CodingKey], _ message: String) -> PricingError {
            let keys = path.map(\.stringValue)
            let line = keys.last(where: { Int($0) == nil }).flatMap { TextPosition.line(ofKey: $0, in: text) }
            let where_ = keys.isEmpty ? "the table" : "'" + keys.joined(separator: ".") + "'"
            return .invalidPriceTable(file: file, line: line, message: "\(where_): \(message)")
        }
        switch error {
        case let .keyNotFound(key, context):
            return located(context.codingPath, "missing \"\(key.stringValue)\"; add it "
                + "(each price needs usd, unit, source and date; the table needs formatVersion, region, currency, hoursPerMonth, prices, allowances).")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return located(context.codingPath, "wrong kind of value (\(context.debugDescription)); write a number for usd/amount/hoursPerMonth and a string elsewhere.")
        case let .dataCorrupted(context):
            return located(context.codingPath, context.debugDescription)
        @unknown default:
            return .invalidPriceTable(file: file, line: nil, message: String(describing: error))
        }
    }

    private func validate(file: String, text: String) throws {
        guard formatVersion == Self.currentFormatVersion else {
            throw PricingError.invalidPriceTable(
                file: file, line: TextPosition.line(ofKey: "formatVersion", in: text),
                message: "formatVersion \(formatVersion) is not supported (this build reads \(Self.currentFormatVersion)); "
                    + "upgrade hydrous-audit or rebuild the table with `hydrous-audit pricing refresh`.")
        }
        guard hoursPerMonth > 0, hoursPerMonth.isFinite else {
            throw PricingError.invalidPriceTable(
                file: file, line: TextPosition.line(ofKey: "hoursPerMonth", in: text),
                message: "hoursPerMonth must be a positive number (AWS bills a month as 730 hours).")
        }
        for key in prices.keys.sorted() {
            guard let price = prices[key] else { continue }
            var line: Int? { TextPosition.line(ofKey: key, in: text) }
            if !(price.usd >= 0 && price.usd.isFinite) {
                throw PricingError.invalidPriceTable(file: file, line: line, message: "price '\(key)': usd must be a number >= 0.")
            }
            if price.unit.isEmpty || price.source.isEmpty {
                throw PricingError.invalidPriceTable(file: file, line: line, message: "price '\(key)': unit and source must not be empty.")
            }
            if !Self.isDate(price.date) {
                throw PricingError.invalidPriceTable(
                    file: file, line: line, message: "price '\(key)': date '\(price.date)' must be YYYY-MM-DD (the day the price was read).")
            }
        }
    }

    static func isDate(_ text: String) -> Bool {
        // ASCII text (every table so far): one pass over the bytes, not
        // `Character`s (~15,000 instructions a call, 67 calls a run).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(text.utf8)
            return bytes.count == 10 && bytes.indices.allSatisfy { index in
                index == 4 || index == 7 ? bytes[index] == UInt8(ascii: "-") : (0x30...0x39).contains(bytes[index])
            }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}

/// Line and column arithmetic over file text, for error messages.
enum TextPosition {
    /// The 1-based line of the first `"key"` followed by a colon, if any.
    static func line(ofKey key: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let range = line.range(of: "\"\(key)\"") else { continue }
            if line[range.upperBound...].drop(while: { $0 == " " }).first == ":" { return index + 1 }
        }
        return nil
    }
}
