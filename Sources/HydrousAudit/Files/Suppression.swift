import Foundation
import Inventory

/// An inline `# hydrous-audit:ignore RULE_ID reason words` comment: the
/// finding of `ruleId` located at `file:line` is set aside. A suppression
/// without a reason (`reason == nil`) must be reported by the caller.
public struct Suppression: Codable, Sendable, Equatable, Hashable {
    /// The file as the user named it.
    public var file: String
    /// The flagged line the comment applies to (the next non-comment line).
    public var line: Int
    /// The rule id the comment names.
    public var ruleId: String
    /// Why the finding is acceptable; `nil` when the comment gives none.
    public var reason: String?
    /// The line of the comment itself (for messages).
    public var commentLine: Int

    /// Creates a suppression.
    public init(file: String, line: Int, ruleId: String, reason: String?, commentLine: Int) {
        self.file = file
        self.line = line
        self.ruleId = ruleId
        self.reason = reason
        self.commentLine = commentLine
    }

    /// True when this suppression covers `finding` (same rule, same file and line).
    public func covers(_ ruleId: String, at location: SourceLocation?) -> Bool {
        guard let location, ruleId == self.ruleId else { return false }
        return location.file == file && location.line == line
    }

    static let marker = "hydrous-audit:ignore"

    /// Suppressions written in Markdown prose as `<!-- hydrous-audit:ignore RULE reason -->`
    /// lines; each applies to the next line that is not such a comment.
    static func scanMarkdownProse(lines: [Substring], file: String, isProse: (Int) -> Bool) -> (suppressions: [Suppression], problems: [String]) {
        var shellLike: [Substring] = []
        for (offset, raw) in lines.enumerated() {
            let text = raw.trimmedWhitespace
            if isProse(offset), text.hasPrefix("<!--"), text.hasSuffix("-->") {
                let inner = text.dropFirst(4).dropLast(3).trimmedWhitespace
                shellLike.append(Substring(inner.hasPrefix(marker) ? "# " + inner : "#"))
            } else {
                shellLike.append(Substring(text.hasPrefix("#") ? "x" : text))
            }
        }
        return scan(lines: shellLike, firstLine: 1, file: file)
    }

    /// Suppressions written as `#` comments in `lines` (shell text), numbered from
    /// `firstLine`. Returns problems for comments that name no rule or no line.
    static func scan(lines: [Substring], firstLine: Int, file: String) -> (suppressions: [Suppression], problems: [String]) {
        var found: [Suppression] = []
        var problems: [String] = []
        for (offset, raw) in lines.enumerated() {
            let text = raw.trimmedWhitespace
            guard text.hasPrefix("#") else { continue }
            let body = text.dropFirst().trimmedWhitespace
            guard body.hasPrefix(marker) else { continue }
            let commentLine = firstLine + offset
            let words = body.dropFirst(marker.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let ruleWord = words.first else {
                problems.append("\(file):\(commentLine): `\(marker)` names no rule id; write `# \(marker) RULE_ID reason`")
                continue
            }
            let target = lines[(offset + 1)...].firstIndex { !$0.trimmedWhitespace.hasPrefix("#") }
            guard let target else {
                problems.append("\(file):\(commentLine): `\(marker)` has no line after it to apply to")
                continue
            }
            let reasonText = words.dropFirst().joined(separator: " ")
            let reason = reasonText.isEmpty ? nil : reasonText
            for rule in ruleWord.split(separator: ",") where !rule.isEmpty {
                found.append(Suppression(file: file, line: firstLine + target, ruleId: String(rule), reason: reason, commentLine: commentLine))
            }
        }
        return (found, problems)
    }
}
