import Digests
import Foundation

/// The stand-in `redact` writes where a secret was:
/// `«redacted sha256:1a2b3c4d preview:hy…rd signals:5e8a1f»`.
///
/// It carries exactly what a finding shows (the evidence's SHA-256 prefix
/// and masked preview) plus the signals the original value raised, so that
/// classifying a redacted snapshot gives the same verdict and evidence as
/// the live value did — without the secret. Signals are written as 6-hex
/// codes (the start of the SHA-256 of the signal's name), not by name:
/// a readable name such as `value:pem-private-key` would repeat a piece of
/// the very value it describes (`-----BEGIN RSA PRIVATE KEY-----`).
struct RedactionToken: Equatable {
    static let open = "«redacted sha256:"
    static let close: Character = "»"

    /// First 8 hex digits of the original secret's SHA-256.
    var sha256: String
    /// The masked preview of the original secret.
    var preview: String
    /// The signals of the original verdict.
    var signals: [String]

    /// The token for `evidence` and `signals`.
    init(evidence: SecretEvidence, signals: [String]) {
        self.sha256 = evidence.sha256
        self.preview = evidence.preview
        self.signals = signals
    }

    init(sha256: String, preview: String, signals: [String]) {
        self.sha256 = sha256
        self.preview = preview
        self.signals = signals
    }

    /// The code a token writes for `signal`.
    static func code(_ signal: String) -> String {
        String(Digest.sha256Hex(signal).prefix(6))
    }

    /// The token's text.
    var text: String {
        let codes = signals.map(RedactionToken.code).joined(separator: ",")
        return "\(RedactionToken.open)\(sha256) preview:\(preview) signals:\(codes)\(RedactionToken.close)"
    }

    /// Where the token that `text` starts with ends (its closing `»`): after
    /// its ` signals:` list, so that a `»` the preview shows (a secret ending
    /// in one) does not end it early. `nil` when `text` does not start a token.
    static func closeIndex(in text: Substring) -> String.Index? {
        guard text.utf8.starts(with: open.utf8), let signals = text.range(of: " signals:") else { return nil }
        return text[signals.upperBound...].firstIndex(of: close)
    }

    /// The evidence the token stands for, under `variable`.
    func evidence(variable: String) -> SecretEvidence {
        SecretEvidence(variable: variable, preview: preview, sha256: sha256)
    }

    /// The token when `text` is exactly one token (surrounding whitespace allowed);
    /// `codebook` maps signal codes back to names (unknown codes read `unknown:<code>`).
    static func parseWhole(_ text: String, codebook: [String: String]) -> RedactionToken? {
        parse(FastText.trimmed(text, newlines: true), codebook: codebook)
    }

    /// Parses one token occupying all of `text`.
    ///
    /// Works on Unicode scalars: a preview that starts with a combining mark
    /// (`\u{073B}B…d*`) joins the `:` before it into one Character, and a
    /// Character-wise parse then missed the token (evidence changed on redaction).
    static func parse(_ text: String, codebook: [String: String]) -> RedactionToken? {
        // Most values are no token: a byte comparison settles that (UTF-8 prefixes are scalar prefixes).
        guard text.utf8.starts(with: open.utf8) else { return nil }
        let scalars = Array(text.unicodeScalars)
        let openScalars = Array(open.unicodeScalars)
        let previewMark = Array(" preview:".unicodeScalars)
        let signalsMark = Array(" signals:".unicodeScalars)
        guard scalars.starts(with: openScalars), scalars.last.map({ Character($0) }) == close else { return nil }
        let body = Array(scalars[openScalars.count..<(scalars.count - 1)])
        guard body.count >= 8, body[..<8].allSatisfy({ Character($0).isHexDigit }) else { return nil }
        let afterSha = Array(body[8...])
        guard afterSha.starts(with: previewMark),
              let mark = (previewMark.count...max(previewMark.count, afterSha.count - signalsMark.count)).last(where: {
                  $0 + signalsMark.count <= afterSha.count && Array(afterSha[$0..<($0 + signalsMark.count)]) == signalsMark
              }) else { return nil }
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: part)
            return String(view)
        }
        let preview = string(afterSha[previewMark.count..<mark])
        let codes = string(afterSha[(mark + signalsMark.count)...]).split(separator: ",").map(String.init)
        guard !preview.isEmpty, preview.count <= 5, !codes.isEmpty else { return nil }
        let signals = codes.map { codebook[$0] ?? "unknown:\($0)" }
        return RedactionToken(sha256: string(body[..<8]), preview: preview, signals: signals)
    }
}
