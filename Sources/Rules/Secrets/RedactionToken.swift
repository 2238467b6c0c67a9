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

    /// The evidence the token stands for, under `variable`.
    func evidence(variable: String) -> SecretEvidence {
        SecretEvidence(variable: variable, preview: preview, sha256: sha256)
    }

    /// The token when `text` is exactly one token (surrounding whitespace allowed);
    /// `codebook` maps signal codes back to names (unknown codes read `unknown:<code>`).
    static func parseWhole(_ text: String, codebook: [String: String]) -> RedactionToken? {
        parse(text.trimmingCharacters(in: .whitespacesAndNewlines), codebook: codebook)
    }

    /// Parses one token occupying all of `text`.
    static func parse(_ text: String, codebook: [String: String]) -> RedactionToken? {
        guard text.hasPrefix(open), text.last == close else { return nil }
        let body = text.dropFirst(open.count).dropLast()
        let sha = body.prefix(8)
        guard sha.count == 8, sha.allSatisfy(\.isHexDigit) else { return nil }
        let afterSha = body.dropFirst(8)
        guard afterSha.hasPrefix(" preview:"),
              let signalsMark = afterSha.range(of: " signals:", options: .backwards) else { return nil }
        let preview = afterSha[afterSha.index(afterSha.startIndex, offsetBy: " preview:".count)..<signalsMark.lowerBound]
        let codes = afterSha[signalsMark.upperBound...].split(separator: ",").map(String.init)
        guard !preview.isEmpty, preview.count <= 5, !codes.isEmpty else { return nil }
        let signals = codes.map { codebook[$0] ?? "unknown:\($0)" }
        return RedactionToken(sha256: String(sha), preview: String(preview), signals: signals)
    }
}
