import Foundation
import Inventory

/// Why a JSON report could not be read back.
public enum ReportJSONError: LocalizedError, Equatable {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The text is not JSON.
    case malformed(file: String, line: Int, column: Int, reason: String)
    /// The JSON is not a report (wrong or missing field).
    case notAReport(file: String, line: Int, path: String, reason: String)
    /// Written by a newer tool with a schema this one does not know.
    case unsupportedSchemaVersion(file: String, line: Int, found: String)

    /// A message naming file and position and what to do next.
    public var errorDescription: String? {
        let hint = "Pass a report written by `hydrous-audit run --format json`."
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the report (\(reason)). Check the path and permissions."
        case let .malformed(file, line, column, reason):
            return "\(file):\(line):\(column): not valid JSON: \(reason). \(hint)"
        case let .notAReport(file, line, path, reason):
            return "\(file):\(line): not a hydrous-audit report at \(path.isEmpty ? "the top level" : path): \(reason). \(hint)"
        case let .unsupportedSchemaVersion(file, line, found):
            return "\(file):\(line): schemaVersion \(found) is not supported (this build reads 1). "
                + "Upgrade hydrous-audit, or compare reports written by the same version."
        }
    }
}

/// Reads JSON reports back (for `diff`, `--baseline`, `--compare`).
public enum ReportJSON {
    /// The report in `data`, read from `file` (named in errors).
    ///
    /// Accepts every report `JSONReportRenderer` writes, and reports that
    /// leave out the extensions (`waived`, `notices`, `cost.totalComplete`,
    /// `cost.savings`, rows' and lines' `label`).
    public static func decode(data: Data, file: String) throws(ReportJSONError) -> Report {
        let parsed: ReportJSONParser.Result
        do {
            parsed = try ReportJSONParser.parse(data, lines: false)
        } catch {
            throw .malformed(file: file, line: error.line, column: error.column, reason: error.reason)
        }
        // Lines are only needed to name one in an error: parsed again then.
        func lines() -> [String: Int] { (try? ReportJSONParser.parse(data, lines: true))?.lines ?? [:] }
        guard case var .object(root) = parsed.value else {
            throw .notAReport(file: file, line: lines()[""] ?? 1, path: "", reason: "expected an object")
        }
        switch root["schemaVersion"] {
        case .number("1")?: break
        case let .number(other)?:
            throw .unsupportedSchemaVersion(file: file, line: lines()["schemaVersion"] ?? 1, found: other)
        default:
            throw .notAReport(file: file, line: lines()[""] ?? 1, path: "schemaVersion", reason: "expected the number 1")
        }
        fillDefaults(&root)
        if let report = ReportTreeDecoder.report(root) { return report }
        let text = ReportJSONWriter.compact(.object(root))
        do {
            return try JSONDecoder().decode(Report.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            let (path, reason) = describe(error)
            throw .notAReport(file: file, line: line(of: path, in: lines()), path: pathText(path), reason: reason)
        } catch {
            throw .notAReport(file: file, line: 1, path: "", reason: error.localizedDescription)
        }
    }

    /// For the fuzz target: `data` parsed with and without lines (the two
    /// must agree), and the report the tree reader and `JSONDecoder` each
    /// read from it (`nil` where one does not; where the tree reader reads
    /// one, `JSONDecoder` must read the same).
    @_spi(Fuzzing) public static func readingsForFuzzing(_ data: Data) -> (parsesAgree: Bool, tree: Report?, decoder: Report?) {
        let plain = Result { () throws(ReportJSONSyntaxError) in try ReportJSONParser.parse(data, lines: false) }
        let withLines = Result { () throws(ReportJSONSyntaxError) in try ReportJSONParser.parse(data, lines: true) }
        let agree: Bool
        switch (plain, withLines) {
        case let (.success(left), .success(right)): agree = left.value == right.value && left.lines.isEmpty
        case let (.failure(left), .failure(right)): agree = left == right
        default: agree = false
        }
        guard case let .success(parsed) = plain, case var .object(root) = parsed.value else { return (agree, nil, nil) }
        fillDefaults(&root)
        let decoder = try? JSONDecoder().decode(Report.self, from: Data(ReportJSONWriter.compact(.object(root)).utf8))
        return (agree, ReportTreeDecoder.report(root), decoder)
    }

    /// The report in the file at `path`.
    public static func load(path: String) throws(ReportJSONError) -> Report {
        let data: Data
        do {
            data = try InputFile.read(path: path, limit: InputFile.maxLargeBytes)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        return try decode(data: data, file: path)
    }

    /// Adds the extension keys a contract-only report may lack.
    private static func fillDefaults(_ root: inout [String: ReportJSONValue]) {
        if root["waived"] == nil { root["waived"] = .array([]) }
        if root["notices"] == nil { root["notices"] = .array([]) }
        guard case var .object(cost)? = root["cost"] else { return }
        if cost["totalComplete"] == nil { cost["totalComplete"] = .bool(true) }
        if cost["savings"] == nil { cost["savings"] = .array([]) }
        if cost["assumptions"] == nil { cost["assumptions"] = .array([]) }
        for key in ["rows", "lines"] {
            guard case let .array(items)? = cost[key] else { continue }
            cost[key] = .array(items.map { item in
                guard case var .object(members) = item, members["label"] == nil else { return item }
                if case let .string(row)? = members["guideRow"] {
                    members["label"] = .string(row)
                } else if case let .string(component)? = members["component"] {
                    members["label"] = .string(component)
                }
                return .object(members)
            })
        }
        root["cost"] = .object(cost)
    }

    private static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case let .typeMismatch(type, context):
            return (context.codingPath, "expected \(typeName(type)) (\(context.debugDescription))")
        case let .valueNotFound(type, context):
            return (context.codingPath, "expected \(typeName(type)), found null")
        case let .keyNotFound(key, context):
            return (context.codingPath, "missing key \"\(key.stringValue)\"")
        case let .dataCorrupted(context):
            return (context.codingPath, context.debugDescription)
        @unknown default:
            return ([], String(describing: error))
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        default: return "\(type)"
        }
    }

    /// `findings[2].severity` for a decoder path.
    static func pathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// The line of the deepest value on `path` the parser saw.
    private static func line(of path: [any CodingKey], in lines: [String: Int]) -> Int {
        var keys = path
        while true {
            if let line = lines[pathText(keys)] { return line }
            guard !keys.isEmpty else { return 1 }
            keys.removeLast()
        }
    }
}
