import Foundation

/// A JSON value as the renderers write it and `ReportJSON` reads it.
///
/// Objects are unordered and always written with their keys sorted; numbers
/// keep their literal text, so money is written exactly as formatted (`15.44`,
/// never `15.440000000000001`) and a decoded number is written back unchanged.
enum ReportJSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([ReportJSONValue])
    case object([String: ReportJSONValue])

    /// A money amount rounded to cents (`null` when absent or not finite).
    static func money(_ value: Double?) -> ReportJSONValue {
        guard let value, let text = Cents.jsonText(value) else { return .null }
        return .number(text)
    }

    /// An integer.
    static func int(_ value: Int) -> ReportJSONValue {
        .number(String(value))
    }

    /// A plain (non-money) number in its shortest form (`730`, `730.5`).
    static func plain(_ value: Double) -> ReportJSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 {
            return .number(String(Int64(value)))
        }
        return .number("\(value)")
    }

    /// A string, or `null` when absent.
    static func optional(_ value: String?) -> ReportJSONValue {
        value.map(ReportJSONValue.string) ?? .null
    }

    /// An array of strings.
    static func strings(_ values: [String]) -> ReportJSONValue {
        .array(values.map(ReportJSONValue.string))
    }

    /// The member `key` of an object, else `nil`.
    subscript(key: String) -> ReportJSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }
}

/// Writes `ReportJSONValue` trees as text: keys sorted, deterministic.
enum ReportJSONWriter {
    /// Pretty-printed text with 2-space indentation and a final newline.
    static func pretty(_ value: ReportJSONValue) -> String {
        var out = JSONTextWriter(pretty: true)
        out.value(value)
        out.finalNewline()
        return out.text
    }

    /// Compact text on one line.
    static func compact(_ value: ReportJSONValue) -> String {
        var out = JSONTextWriter(pretty: false)
        out.value(value)
        return out.text
    }
}

/// Money formatting shared by every renderer: amounts are rounded to cents.
enum Cents {
    /// `value` rounded to cents.
    static func round(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        let rounded = (value * 100).rounded() / 100
        return rounded == 0 ? 0 : rounded
    }

    /// Whole cents of `value`, `nil` when not finite or absurdly large.
    static func cents(_ value: Double) -> Int64? {
        guard value.isFinite, abs(value) < 1e13 else { return nil }
        return Int64((value * 100).rounded())
    }

    /// JSON text: shortest form of the cent-rounded amount (`15.44`, `70.6`, `20`).
    static func jsonText(_ value: Double) -> String? {
        guard let cents = cents(value) else { return nil }
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
        return sign + "\(whole)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Display text with two decimals (`15.44`, `20.00`, `-3.65`); `minus` replaces `-`.
    static func display(_ value: Double, minus: String = "-") -> String {
        guard let cents = cents(value) else { return "?" }
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        let text = "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
        return cents < 0 ? minus + text : text
    }

    /// Display text with an explicit sign (`+0.40`, `−3.65`, `0.00`).
    static func signed(_ value: Double, minus: String = "-") -> String {
        guard let cents = cents(value) else { return "?" }
        if cents > 0 { return "+" + display(value) }
        return display(value, minus: minus)
    }
}
