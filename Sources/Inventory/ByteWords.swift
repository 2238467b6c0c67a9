/// Tests on eight bytes at once (a 64-bit word read from the text), for
/// the byte scans of the snapshot parser, the Markdown helpers and the JSON
/// writer. Each answers exactly whether some byte qualifies: a borrow only
/// starts at a byte that qualifies, so it can only add marks above a true
/// one. Inlinable: the renderers call them in their inner loops.
public enum ByteWords {
    /// 0x80 in every byte: `word & highs != 0` when some byte is not ASCII.
    @inlinable public static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// True when some byte of `word` is below `limit` (at most 0x80).
    @inlinable @inline(__always)
    public static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// True when some byte of `word` equals `byte`.
    @inlinable @inline(__always)
    public static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        hasByte(below: 1, in: word ^ (0x0101_0101_0101_0101 &* UInt64(byte)))
    }

    /// True when some byte of `word` ends a JSON string's plain run: `"`,
    /// `\` or a control byte (below 0x20). The snapshot parser and the JSON
    /// writer both scan strings for it.
    @inlinable @inline(__always)
    public static func holdsJSONStringStop(_ word: UInt64) -> Bool {
        hasByte(below: 0x20, in: word) || hasByte(UInt8(ascii: "\""), in: word) || hasByte(UInt8(ascii: "\\"), in: word)
    }
}
