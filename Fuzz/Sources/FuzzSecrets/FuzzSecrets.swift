import CFuzzDriver
import Foundation
import Rules

/// The detector with the built-in patterns (built once: it compiles regexes).
let detector = SecretDetector()

/// Stops the fuzzer with a message: an invariant of the detector is broken.
func violated(_ what: String, _ name: String, _ value: String) -> Never {
    FileHandle.standardError.write(Data("FuzzSecrets: \(what)\n  name=\(name.debugDescription)\n  value=\(value.debugDescription)\n".utf8))
    abort()
}

/// One input: `NAME=value` (no `=`: the whole input is the value of `SECRET`).
///
/// Invariants: redaction keeps the verdict and the evidence; redacting twice
/// changes nothing; a value that is not a secret comes back unchanged; and the
/// redacted text is the original with the secret part replaced by exactly the
/// token for it (SHA-256 prefix, the 2+2-character masked preview, signal codes),
/// so no more of the secret than the preview ever survives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSecrets(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let name: String
    let value: String
    if let equals = text.firstIndex(of: "=") {
        name = String(text[..<equals])
        value = String(text[text.index(after: equals)...])
    } else {
        name = "SECRET"
        value = text
    }
    let verdict = detector.classify(name: name, value: value)
    let redacted = detector.redact(name: name, value: value)
    guard verdict.isSecret else {
        if redacted != value { violated("a value that is not a secret was changed", name, value) }
        return 0
    }
    if detector.classify(name: name, value: redacted) != verdict { violated("redaction changed the verdict", name, value) }
    if detector.evidence(name: name, value: redacted) != detector.evidence(name: name, value: value) {
        violated("redaction changed the evidence", name, value)
    }
    if detector.redact(name: name, value: redacted) != redacted { violated("redacting twice changed the text", name, value) }
    checkToken(name: name, value: value, redacted: redacted, signals: verdict.signals)
    return 0
}

/// `redacted` is `prefix + token + suffix` where `value` is `prefix + secret + suffix`
/// and the token shows only the secret's hash prefix and masked preview.
func checkToken(name: String, value: String, redacted: String, signals: [String]) {
    // A value that already holds token delimiters makes the token's place ambiguous.
    if value.unicodeScalars.contains(where: { $0 == "«" || $0 == "»" }) { return }
    let out = Array(redacted.unicodeScalars)
    let open = Array("«redacted sha256:".unicodeScalars)
    guard let start = (0...max(0, out.count - open.count)).first(where: { out.count >= open.count && Array(out[$0..<$0 + open.count]) == open }),
          let end = out[start...].firstIndex(of: "»") else {
        violated("a secret was not replaced by a token: \(redacted.debugDescription)", name, value)
    }
    let prefix = Array(out[..<start])
    let suffix = Array(out[(end + 1)...])
    let original = Array(value.unicodeScalars)
    guard prefix.count + suffix.count < original.count, Array(original.prefix(prefix.count)) == prefix,
          Array(original.suffix(suffix.count)) == suffix else {
        violated("the text around the token is not the original's: \(redacted.debugDescription)", name, value)
    }
    var secretScalars = String.UnicodeScalarView()
    secretScalars.append(contentsOf: original[prefix.count..<(original.count - suffix.count)])
    let secret = String(secretScalars)
    let evidence = SecretEvidence(variable: name, value: secret)
    let token = String(String.UnicodeScalarView(out[start...end]))
    let expected = "«redacted sha256:\(evidence.sha256) preview:\(evidence.preview) signals:"
    guard token.hasPrefix(expected), token.dropFirst(expected.count).dropLast().allSatisfy({ $0.isHexDigit || $0 == "," }) else {
        violated("the token shows more than the hash and the masked preview: \(token.debugDescription) (expected \(expected)…)", name, value)
    }
}

/// libFuzzer's entry point (SwiftPM calls the executable's main `FuzzSecrets_main`).
@_cdecl("FuzzSecrets_main")
public func fuzzSecretsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    hydrous_fuzz_main(argc, argv)
}
