import Foundation

/// An IPv4 network in CIDR notation (`10.0.0.0/16`), enough to tell whether
/// one block lies inside another.
struct IPv4CIDR: Equatable, Sendable {
    /// The network address as a 32-bit number.
    let address: UInt32
    /// The prefix length, 0...32.
    let prefix: Int

    /// Parses `a.b.c.d/n` (or a bare address, taken as `/32`); `nil` when malformed.
    init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        let length = parts.count == 2 ? Int(parts[1]) : 32
        guard let length, (0...32).contains(length) else { return nil }
        address = value
        prefix = length
    }

    /// The netmask of the prefix.
    var mask: UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    /// True when every address of `other` lies inside this block.
    func contains(_ other: IPv4CIDR) -> Bool {
        other.prefix >= prefix && (other.address & mask) == (address & mask)
    }
}
