import Foundation

/// The stand-in `redact` writes where a secret was:
/// `«redacted sha256:1a2b3c4d preview:hy…rd signals:name:PASSWORD»`.
///
/// It carries exactly what a finding shows (the evidence's SHA-256 prefix
/// and masked preview) plus the signals the original value raised, so that
/// classifying a redacted snapshot gives the same verdict and evidence as
/// the live value did — without the secret.
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

    /// The token's text.
    var text: String {
        "\(RedactionToken.open)\(sha256) preview:\(preview) signals:\(signals.joined(separator: ","))\(RedactionToken.close)"
    }

    /// The evidence the token stands for, under `variable`.
    func evidence(variable: String) -> SecretEvidence {
        SecretEvidence(variable: variable, preview: preview, sha256: sha256)
    }

    /// The token when `text` is exactly one token (surrounding whitespace allowed).
    static func parseWhole(_ text: String) -> RedactionToken? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(open), trimmed.last == close else { return nil }
        return parse(trimmed)
    }

    /// Parses one token occupying all of `text`.
    static func parse(_ text: String) -> RedactionToken? {
        guard text.hasPrefix(open), text.last == close else { return nil }
        let body = text.dropFirst(open.count).dropLast()
        let sha = body.prefix(8)
        guard sha.count == 8, sha.allSatisfy(\.isHexDigit) else { return nil }
        let afterSha = body.dropFirst(8)
        guard afterSha.hasPrefix(" preview:"),
              let signalsMark = afterSha.range(of: " signals:", options: .backwards) else { return nil }
        let preview = afterSha[afterSha.index(afterSha.startIndex, offsetBy: " preview:".count)..<signalsMark.lowerBound]
        let signals = afterSha[signalsMark.upperBound...].split(separator: ",").map(String.init)
        guard !preview.isEmpty, preview.count <= 5, !signals.isEmpty else { return nil }
        return RedactionToken(sha256: String(sha), preview: String(preview), signals: signals)
    }

    /// True when `text` contains the start of a token.
    static func appears(in text: String) -> Bool { text.contains(open) }
}
