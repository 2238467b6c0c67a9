import XCTest
@testable import Rules

/// Inputs FuzzSecrets (Fuzz/, scripts/fuzz.sh) found breaking the redaction
/// invariants: redacting keeps verdict and evidence, twice changes nothing.
final class FuzzRegressionSecretsTests: XCTestCase {
    let detector = SecretDetector()

    /// Each case: a name and a secret value whose masked preview starts or ends
    /// with a scalar that joins its neighbour into one Character.
    static let cases: [(name: String, value: String)] = [
        // Found by FuzzSecrets: the preview starts with a combining mark (U+073B),
        // which joined the token's "preview:" colon; the token was not read back.
        ("SECRET", "\u{073B}B\u{10}h)du\u{FFFD}\0\0\0\u{FFFD}yd*"),
        ("DB_PASSWORD", "\u{0301}hydrous_password"),
        ("DB_PASSWORD", "\u{200D}hydrous_password\u{200D}"),
        ("API_TOKEN", "\u{0600}abcdefgh\u{0600}"),
        // Found by FuzzSecrets: a URL password holding `//`, `?` and `@` (non-ASCII text, so the
        // Character path). Redacted, the `?` was gone, the first `/?#` moved past the token, and the
        // host was taken from the last `@`: the password read back was the token plus the rest.
        ("99SI", "redis://defa`=Lreuis://de?@uiiiiSWOhyDh\u{FFFD}ch@@6384.999448989179707?@uiiiiSWOhyDh\u{FFFD}ch@@6384.99944893919P"),
        // Found by FuzzSecrets: a URL password ending in `»` (and holding a fake token): the preview
        // `*s…r»` put a `»` inside the token, and reading the redacted URL ended the token there.
        ("\u{FFFD}EDL", "redis://efa-lt:*sJJ" + String(repeating: "9", count: 42) + "0Jd@caredacted=«redacted sha256:1ache:?7he;"
            + "esolv@@@@@2b3c4d pr»@@,@0009999999999999999"),
        ("REDIS_URL", "redis://app:pa55word-long»@cache.example.internal:6379"),
        // Found by FuzzSecrets (session 13): a user name holding `«` but no `»`. Redacted, the token's
        // `»` closed the user name's `«`, the token was read as the middle of that span, and the
        // redacted URL's credentials gave another preview and hash (`«r…1q`, not `@d…1q`).
        ("\u{FFFD}EDL", "redis://«redactL=zedis:@dis://:ex\u{FFFD}EDL=redis://«redactL=zedis:@dis://:exampdZ_1q@amaz.com6:"
            + "97999999/999999999999999@c498ampdZ_1q@amaz.com6:97999999/999999999999999@c498"),
        ("REDIS_URL", "redis://«app:pa55word-long-enough@cache.example.internal:6379"),
    ]

    func testRedactionKeepsVerdictAndEvidence() {
        for (name, value) in Self.cases {
            let verdict = detector.classify(name: name, value: value)
            XCTAssertTrue(verdict.isSecret, "\(name)=\(value.debugDescription)")
            let redacted = detector.redact(name: name, value: value)
            XCTAssertNotEqual(redacted, value, name)
            XCTAssertEqual(detector.classify(name: name, value: redacted), verdict, "\(name)=\(value.debugDescription): \(redacted.debugDescription)")
            XCTAssertEqual(detector.evidence(name: name, value: redacted), detector.evidence(name: name, value: value),
                           "\(name)=\(value.debugDescription): \(redacted.debugDescription)")
            XCTAssertEqual(detector.redact(name: name, value: redacted), redacted, "\(name): redacting twice changed the text")
        }
    }

    /// A `«…»` span that holds no token stays opaque in a URL's user name,
    /// one that holds a token does not swallow it.
    func testPlainGuillemetsEndBeforeAToken() {
        let plain: Substring = "«placeholder»@host"
        XCTAssertEqual(URLParts.plainGuillemetsEnd(plain).map { plain.distance(from: plain.startIndex, to: $0) }, 12)
        XCTAssertNil(URLParts.plainGuillemetsEnd("«user:«redacted sha256:0123abcd preview:pa…gh signals:1a»@host"))
        XCTAssertNil(URLParts.plainGuillemetsEnd("«user:no-close@host"))
    }

    func testTokenParsesWhateverThePreview() {
        for preview in ["\u{073B}B…d*", "…", "hy…rd", "\u{0600}a…h\u{0600}", "\u{1F1EA}\u{1F1F8}…x\u{200D}"] {
            let token = RedactionToken(sha256: "0123abcd", preview: preview, signals: ["name:PASSWORD"])
            let parsed = RedactionToken.parse(token.text, codebook: detector.codebook)
            XCTAssertEqual(parsed?.preview, preview, preview.debugDescription)
            XCTAssertEqual(parsed?.sha256, "0123abcd")
            XCTAssertEqual(parsed?.signals, ["name:PASSWORD"])
        }
    }
}
