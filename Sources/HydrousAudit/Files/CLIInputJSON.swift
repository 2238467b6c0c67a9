import Foundation

/// `--cli-input-json` for commands other than `register-task-definition`: the
/// JSON's members become flags (`serviceName` → `--service-name`,
/// `DBInstanceIdentifier` → `--db-instance-identifier`) placed before the
/// command's own flags, which win as they do in the AWS CLI.
extension FileInventoryBuilder {
    mutating func expandingCLIInputJSON(_ command: AWSCLICommand) -> AWSCLICommand {
        guard let flag = command.flag("cli-input-json"), let first = flag.values.first,
              let json = structured(command, "cli-input-json").first, let members = json.members else { return command }
        // Values from another file are located at the flag in this one.
        let fromFile = first.text.hasPrefix("file://")
        var flags: [AWSCLICommand.Flag] = []
        for member in members {
            let name = Self.kebabCase(member.key)
            let line = fromFile ? flag.valueLine : member.value.line
            func token(_ text: String, _ at: Int) -> ShellToken { ShellToken(text: text, line: fromFile ? flag.valueLine : at) }
            switch member.value.value {
            case let .bool(value):
                flags.append(.init(name: name, values: [], negated: !value, line: line))
            case .string, .number:
                flags.append(.init(name: name, values: [token(member.value.string ?? "", member.value.line)], negated: false, line: line))
            case let .array(elements) where elements.allSatisfy({ $0.string != nil }):
                flags.append(.init(name: name, values: elements.map { token($0.string ?? "", $0.line) }, negated: false, line: line))
            case .array, .object:
                flags.append(.init(name: name, values: [token(member.value.compactText, member.value.line)], negated: false, line: line))
            case .null:
                continue
            }
        }
        var expanded = command
        expanded.flags = flags + command.flags.filter { $0.name != "cli-input-json" }
        return expanded
    }

    /// `desiredCount` → `desired-count`; `DBInstanceIdentifier` → `db-instance-identifier`; `MultiAZ` → `multi-az`.
    static func kebabCase(_ key: String) -> String {
        let chars = Array(key)
        var out = ""
        for (index, char) in chars.enumerated() {
            if char.isUppercase, index > 0 {
                let previous = chars[index - 1]
                let nextIsLower = index + 1 < chars.count && chars[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { out.append("-") }
            }
            out.append(contentsOf: char.lowercased())
        }
        return out
    }
}
