import Foundation

/// Rounding and number formatting shared by every cost figure.
///
/// Rounding rule: each line is rounded to cents **half away from zero**
/// (16.425 → 16.43, −3.655 → −3.66), after discarding binary floating-point
/// noise below a millionth of a cent, so that `0.0225 × 730` (which a `Double`
/// holds as 16.42499…) still rounds as the decimal figure 16.425 does.
/// Rows and totals are sums of rounded lines, rounded again to cents.
public enum Money {
    /// `value` rounded to cents, half away from zero.
    public static func cents(_ value: Double) -> Double {
        let scaled = value * 100
        let denoised = (scaled * 1_000_000).rounded() / 1_000_000
        return denoised.rounded(.toNearestOrAwayFromZero) / 100
    }

    /// The sum of `values`, rounded to cents.
    public static func sum(_ values: [Double]) -> Double {
        cents(values.reduce(0, +))
    }

    /// A number as short as it can be written: `730`, `0.018`, `0.000111`,
    /// at most `maxDecimals` decimals, no trailing zeros.
    public static func format(_ value: Double, maxDecimals: Int = 6) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        if let fast = fixedPoint(value, decimals: maxDecimals, trimZeros: true) { return fast }
        var text = String(format: "%.\(maxDecimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A cent figure with two decimals: `13.14`, `-3.65`.
    public static func usd(_ value: Double) -> String {
        let rounded = cents(value)
        return fixedPoint(rounded, decimals: 2, trimZeros: false) ?? String(format: "%.2f", rounded)
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// `String(format: "%.<decimals>f", value)` (zeros and a bare point trimmed
    /// when `trimZeros`, `-0` written `0`) without Foundation's formatter, which
    /// dominated the cost lines of large inventories; `nil` when the scaled
    /// value is too large or too close to a rounding tie to be sure of the
    /// formatter's answer (the caller then asks the formatter).
    static func fixedPoint(_ value: Double, decimals: Int, trimZeros: Bool) -> String? {
        guard value.isFinite, decimals >= 0, decimals < powersOfTen.count else { return nil }
        let scaled = value.magnitude * powersOfTen[decimals]
        guard scaled < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { return nil }
        let units = Int64(scaled.rounded())
        if trimZeros, units == 0 { return "0" }
        // Digits right to left: the fraction (zeros dropped from its end when
        // trimming), the point, the integer part, the sign.
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var rest = units
        var keptFraction = false
        for _ in 0..<decimals {
            let digit = UInt8(rest % 10)
            rest /= 10
            if digit != 0 || keptFraction || !trimZeros {
                digits.append(0x30 + digit)
                keptFraction = true
            }
        }
        if keptFraction { digits.append(UInt8(ascii: ".")) }
        repeat {
            digits.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if value.sign == .minus { digits.append(UInt8(ascii: "-")) }
        // Reversed in place: a `ReversedCollection` took String's generic path
        // (a dynamic cast and a byte-by-byte copy, ~1,000 instructions a figure).
        digits.reverse()
        return String(decoding: digits, as: UTF8.self)
    }

    /// A signed cent figure: `+0.40`, `-3.65`, `0.00`.
    public static func signedUSD(_ value: Double) -> String {
        let rounded = cents(value)
        if rounded > 0 { return "+" + usd(rounded) }
        return usd(rounded)
    }
}
