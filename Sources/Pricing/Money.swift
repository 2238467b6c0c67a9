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
        var text = String(format: "%.\(maxDecimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A cent figure with two decimals: `13.14`, `-3.65`.
    public static func usd(_ value: Double) -> String {
        String(format: "%.2f", cents(value))
    }

    /// A signed cent figure: `+0.40`, `-3.65`, `0.00`.
    public static func signedUSD(_ value: Double) -> String {
        let rounded = cents(value)
        if rounded > 0 { return "+" + usd(rounded) }
        return usd(rounded)
    }
}
