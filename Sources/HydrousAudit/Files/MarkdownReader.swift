import Foundation
import Inventory

/// Reads a Markdown runbook: fenced code blocks (shell → AWS CLI commands,
/// JSON → a task definition or secret-looking values) and prose lines such as
/// `- Contraseña: <value>`. Lines are numbered in the whole file.
extension FileInventoryBuilder {
    static let shellLanguages: Set<String> = ["bash", "sh", "shell", "zsh", "console", "shell-session", "shellsession"]
    static let jsonLanguages: Set<String> = ["json", "jsonc", "json5"]

    mutating func readMarkdown(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var proseLines = Set<Int>()
        var index = 0
        defer {
            let scan = Suppression.scanMarkdownProse(lines: lines, file: file) { proseLines.contains($0) }
            suppressions += scan.suppressions
            problems += scan.problems
        }
        while index < lines.count {
            let line = lines[index]
            guard let fence = Self.fence(line) else {
                proseLines.insert(index)
                readProse(line, number: index + 1)
                index += 1
                continue
            }
            var end = index + 1
            while end < lines.count, !Self.closes(lines[end], fence: fence) { end += 1 }
            if end >= lines.count { problem(index + 1, "the code block opened here is never closed; read to the end of the file") }
            let body = lines[(index + 1)..<min(end, lines.count)].joined(separator: "\n")
            readBlock(body, language: fence.language, firstLine: index + 2)
            index = end + 1
        }
    }

    private mutating func readBlock(_ body: String, language: String, firstLine: Int) {
        let startsLikeJSON = body.trimmedWhitespaceAndNewlines.first.map { $0 == "{" || $0 == "[" } ?? false
        if Self.jsonLanguages.contains(language) || (language.isEmpty && startsLikeJSON) {
            readJSONBlock(body, firstLine: firstLine)
        } else if Self.shellLanguages.contains(language) || language.isEmpty {
            readShell(body, firstLine: firstLine)
        } else {
            for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                readProse(line, number: firstLine + offset)
            }
        }
    }

    private mutating func readJSONBlock(_ body: String, firstLine: Int) {
        guard !body.trimmedWhitespaceAndNewlines.isEmpty else { return }
        do {
            let json = try LocatedJSON.parse(body, file: file, firstLine: firstLine)
            collectJSONSecrets(json)
            if TaskDefinitionReader.isTaskDefinition(json) { registerTaskDefinition(json, file: file) }
        } catch let FileSourceError.malformedJSON(_, line, reason) {
            problem(line, "JSON block not understood: \(reason); its contents were not checked")
        } catch {
            problem(firstLine, "JSON block not understood; its contents were not checked")
        }
    }

    /// A prose line `label: value` or `label = value` whose label names a secret,
    /// or any line holding a URL with credentials.
    mutating func readProse(_ line: Substring, number: Int) {
        if let (key, value) = Self.proseKeyValue(line), SecretHints.namesSecret(key) || SecretHints.hasURLCredentials(value) {
            addFileValue(line: number, key: key, value: value, kind: .prose)
            return
        }
        guard SecretHints.hasURLCredentials(String(line)) else { return }
        for word in line.split(whereSeparator: { $0 == " " || $0 == "`" || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" })
        where SecretHints.hasURLCredentials(String(word)) {
            addFileValue(line: number, key: "connection string", value: String(word), kind: .prose)
        }
    }

    /// `- **Contraseña**: value` → ("Contraseña", "value"). The label is at most
    /// five words; the value is one word (a cheap filter: prose sentences are not values).
    static func proseKeyValue(_ line: Substring) -> (String, String)? {
        var text = line.trimmedWhitespace
        for marker in ["- ", "* ", "+ ", "> "] where text.hasPrefix(marker) { text = String(text.dropFirst(2)) }
        if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy(\.isNumber), !text[..<dot].isEmpty {
            text = String(text[text.index(after: dot)...]).trimmedWhitespace
        }
        guard let separator = text.firstIndex(where: { $0 == ":" || $0 == "=" }) else { return nil }
        let decoration = CharacterSet(charactersIn: "*_` \t|")
        let key = text[..<separator].trimmingCharacters(in: decoration)
        var value = text[text.index(after: separator)...].trimmingCharacters(in: decoration)
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        guard !key.isEmpty, key.split(separator: " ").count <= 5, !value.isEmpty,
              !value.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        return (key, value)
    }

    struct Fence {
        var character: Character
        var count: Int
        var language: String
    }

    static func fence(_ line: Substring) -> Fence? {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard let first = text.first, first == "`" || first == "~" else { return nil }
        let count = text.prefix { $0 == first }.count
        guard count >= 3 else { return nil }
        let info = text.dropFirst(count).trimmedWhitespace
        if first == "`", info.contains("`") { return nil }
        let language = info.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).first.map { $0.lowercased() } ?? ""
        return Fence(character: first, count: count, language: language)
    }

    static func closes(_ line: Substring, fence: Fence) -> Bool {
        let text = line.trimmedWhitespace
        return text.count >= fence.count && text.allSatisfy { $0 == fence.character }
    }
}
