import Foundation

/// The URI encoding and canonicalisation rules of Signature Version 4.
enum SigV4Encoding {
    private static let unreserved: Set<UInt8> = {
        var set = Set<UInt8>()
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { set.insert(byte) }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { set.insert(byte) }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(byte) }
        for char in "-._~".utf8 { set.insert(char) }
        return set
    }()

    /// Percent-encodes every byte except the RFC 3986 unreserved set
    /// (and `/` when `keepSlash`), with upper-case hex digits.
    static func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
        uriEncode(bytes: Array(text.utf8), keepSlash: keepSlash)
    }

    /// Byte form of `uriEncode(_:keepSlash:)`.
    static func uriEncode(bytes: [UInt8], keepSlash: Bool = false) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if unreserved.contains(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; malformed escapes are kept literally. `+` stays `+`.
    static func percentDecode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The canonical URI: optionally normalised (dot segments removed, empty
    /// segments collapsed), then URI-encoded once more (so an already-encoded
    /// wire path is double-encoded, as every service but S3 expects).
    static func canonicalPath(_ path: String, normalize: Bool) -> String {
        let raw = path.isEmpty ? "/" : path
        let effective = normalize ? normalizedPath(raw) : raw
        return uriEncode(effective, keepSlash: true)
    }

    /// Removes `.` and `..` segments and empty segments, keeping a trailing slash.
    static func normalizedPath(_ path: String) -> String {
        var stack: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !stack.isEmpty { stack.removeLast() }
            default: stack.append(segment)
            }
        }
        var result = "/" + stack.joined(separator: "/")
        let lastSegment = path.split(separator: "/", omittingEmptySubsequences: false).last
        let endsInDirectory = path.hasSuffix("/") || lastSegment == "." || lastSegment == ".."
        if endsInDirectory && !stack.isEmpty { result += "/" }
        return result
    }

    /// The canonical query string: each name and value decoded then encoded
    /// strictly, pairs sorted by name then value, joined with `&`.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = uriEncode(bytes: percentDecode(String(parts[0])))
            let value = parts.count > 1 ? uriEncode(bytes: percentDecode(String(parts[1]))) : ""
            pairs.append((name, value))
        }
        pairs.sort { lhs, rhs in
            lhs.0 == rhs.0 ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
                : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
        }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// A header value trimmed, with runs of whitespace (including folded
    /// line breaks) collapsed to one space.
    static func canonicalHeaderValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }
}
