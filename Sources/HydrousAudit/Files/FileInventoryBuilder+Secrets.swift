import Foundation
import Inventory

/// Candidates for `Inventory.fileValues`: values written in the files that may
/// be secrets on their own. The cheap filter here only picks candidates.
extension FileInventoryBuilder {
    mutating func addFileValue(line: Int, key: String, value: String, kind: FileValue.Kind) {
        let trimmed = value.trimmedWhitespace
        guard !trimmed.isEmpty, !trimmed.hasPrefix("$") else { return }
        inventory.fileValues.append(FileValue(file: file, line: line, key: key, value: trimmed, kind: kind))
    }

    /// Shell assignments naming a secret, and any word holding a URL with credentials.
    mutating func collectShellSecrets(_ shell: ShellCommand) {
        let isAWS = AWSCLIParser.command(from: shell) != nil
        var leading = true
        for (position, token) in shell.tokens.enumerated() {
            if leading, ["export", "local", "readonly", "declare"].contains(token.text) { continue }
            if leading, let name = ShellLexer.assignmentName(token.text) {
                let value = String(token.text.dropFirst(name.count + 1))
                if SecretHints.namesSecret(name) || SecretHints.hasURLCredentials(value) {
                    addFileValue(line: token.line, key: name, value: value, kind: .shellAssignment)
                }
                continue
            }
            leading = false
            // AWS CLI flags are handled per flag (JSON arguments by their own walk).
            guard !isAWS, SecretHints.hasURLCredentials(token.text) else { continue }
            let previous = position > 0 ? shell.tokens[position - 1].text : ""
            addFileValue(line: token.line, key: previous.hasPrefix("-") ? previous : "argument", value: token.text, kind: .cliArgument)
        }
    }

    /// Arguments of flags that name a secret; words holding URL credentials;
    /// secret-looking values inside JSON arguments.
    mutating func collectFlagSecrets(_ command: AWSCLICommand) {
        for flag in command.flags where !flag.negated {
            let secretFlag = SecretHints.namesSecret(flag.name)
            for value in flag.values {
                let trimmed = value.text.trimmedWhitespaceAndNewlines
                if trimmed.hasPrefix("{") || trimmed.hasPrefix("["),
                   let json = try? LocatedJSON.parse(value.text, file: file, firstLine: value.line) {
                    collectJSONSecrets(json)
                    if !secretFlag { continue }
                }
                if secretFlag || SecretHints.hasURLCredentials(value.text) {
                    addFileValue(line: value.line, key: "--\(flag.name)", value: value.text, kind: .cliArgument)
                }
            }
        }
    }

    /// JSON string values under a secret-looking key, or holding URL
    /// credentials, anywhere — except container `environment` entries (those
    /// become environment variables that `ecs_plaintext_secret_env` checks).
    mutating func collectJSONSecrets(_ json: LocatedJSON, key: String = "", depth: Int = 0) {
        guard depth < 256 else { return }
        switch json.value {
        case let .object(members):
            for member in members {
                if member.key == "environment", member.value.array != nil { continue }
                collectJSONSecrets(member.value, key: member.key, depth: depth + 1)
            }
        case let .array(elements):
            for element in elements { collectJSONSecrets(element, key: key, depth: depth + 1) }
        case let .string(text):
            if (!key.isEmpty && SecretHints.namesSecret(key)) || SecretHints.hasURLCredentials(text) {
                addFileValue(line: json.line, key: key.isEmpty ? "value" : key, value: text, kind: .jsonValue)
            }
        default:
            break
        }
    }
}
