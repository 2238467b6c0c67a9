import CLibCrypto
import Foundation

/// SHA-256 and HMAC-SHA256 computed by OpenSSL's libcrypto.
///
/// One implementation serves the SigV4 signer (AWSClient) and the stable
/// fingerprints of findings and secrets (Rules, HydrousAudit).
public enum Digest {
    /// The SHA-256 digest of `data` (32 bytes).
    public static func sha256(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                _ = hydrous_sha256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return out
    }

    /// The SHA-256 digest of the UTF-8 bytes of `text`.
    public static func sha256(_ text: String) -> [UInt8] {
        sha256(Array(text.utf8))
    }

    /// The lowercase hexadecimal SHA-256 of `text`.
    public static func sha256Hex(_ text: String) -> String {
        hex(sha256(text))
    }

    /// The lowercase hexadecimal SHA-256 of `data`.
    public static func sha256Hex(_ data: [UInt8]) -> String {
        hex(sha256(data))
    }

    /// The first `digits` (at most 64) lowercase hexadecimal digits of the
    /// SHA-256 of `bytes`: `String(sha256Hex(bytes).prefix(digits))` without
    /// the digest array, the 64-digit string and the copy of the input.
    public static func sha256Hex(_ bytes: UnsafeBufferPointer<UInt8>, digits: Int) -> String {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let count = max(0, min(digits, 64))
        return withUnsafeMutableBytes(of: &digest) { raw in
            let out = raw.bindMemory(to: UInt8.self)
            _ = hydrous_sha256(bytes.baseAddress, bytes.count, out.baseAddress)
            return String(unsafeUninitializedCapacity: count) { text in
                for index in 0..<count {
                    let byte = out[index / 2]
                    let nibble = index % 2 == 0 ? byte >> 4 : byte & 0x0F
                    text[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                }
                return count
            }
        }
    }

    /// `sha256Hex(_:digits:)` of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8], digits: Int) -> String {
        bytes.withUnsafeBufferPointer { sha256Hex($0, digits: digits) }
    }

    /// `sha256Hex(_:digits:)` of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String, digits: Int) -> String {
        var text = text
        return text.withUTF8 { sha256Hex($0, digits: digits) }
    }

    /// HMAC-SHA256 of `message` under `key` (32 bytes).
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                out.withUnsafeMutableBufferPointer { output in
                    _ = HMAC(
                        EVP_sha256(),
                        keyBuffer.baseAddress, Int32(keyBuffer.count),
                        messageBuffer.baseAddress, messageBuffer.count,
                        output.baseAddress, &length
                    )
                }
            }
        }
        return Array(out.prefix(Int(length)))
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: String) -> [UInt8] {
        hmacSHA256(key: key, message: Array(message.utf8))
    }

    /// Lowercase hexadecimal text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
