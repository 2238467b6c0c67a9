import Foundation
import Inventory
import Yams

/// Reads one `rules/*.yml` document into a configuration, checking every
/// key and value and naming the line of anything wrong.
struct RulesFileReader {
    let file: String
    var configuration: RulesConfiguration
    /// Whether the document was composed with Yams' default tag resolver (see `resolver(for:)`).
    private(set) var resolvedTags = false

    init(file: String, configuration: RulesConfiguration) {
        self.file = file
        self.configuration = configuration
    }

    mutating func read(_ yaml: String) throws {
        let root: Node?
        do {
            let resolver = Self.resolver(for: yaml)
            resolvedTags = !resolver.rules.isEmpty
            root = try Yams.compose(yaml: yaml, resolver)
        } catch let error as YamlError {
            throw YAMLErrorLocator.configError(error, file: file)
        } catch {
            throw RulesConfigError.malformedYAML(file: file, line: nil, problem: "\(error)")
        }
        guard let root else { return }  // an empty file changes nothing
        for (key, value) in try mapping(root, "top level") {
            switch try name(key) {
            case "rules": try readRules(value)
            case "waivers": try readWaivers(value)
            case "secrets": try readSecrets(value)
            case let other:
                throw invalid(key, other, "unknown section; use `rules`, `waivers` or `secrets`")
            }
        }
    }

    // MARK: rules

    mutating func readRules(_ node: Node) throws {
        for (key, value) in try mapping(node, "rules") {
            let id = try name(key)
            guard RuleCatalog.knownIds.contains(id) else {
                throw RulesConfigError.unknownRule(file: file, line: line(key), id: id, suggestion: RuleCatalog.suggestion(for: id))
            }
            var settings = configuration.settings(for: id)
            if case .scalar = value, value.null != nil {
                configuration.rules[id] = settings
                continue
            }
            let declared = RuleRegistry.rule(id: id)?.description.parameters ?? [:]
            for (fieldKey, field) in try mapping(value, id) {
                let fieldName = try name(fieldKey)
                switch fieldName {
                case "enabled":
                    guard let flag = flag(field) else { throw invalid(field, "\(id).enabled", "expected true or false") }
                    settings.enabled = flag
                case "severity":
                    let text = field.string?.lowercased() ?? ""
                    guard let severity = Severity(rawValue: text) else {
                        throw invalid(field, "\(id).severity", "`\(field.string ?? "")` is not a severity; use critical, high, medium, low or info")
                    }
                    settings.severity = severity
                default:
                    let parameter = try self.parameter(field, "\(id).\(fieldName)")
                    if !declared.isEmpty {
                        guard let expected = declared[fieldName] else {
                            let known = declared.keys.sorted().joined(separator: ", ")
                            throw invalid(fieldKey, "\(id).\(fieldName)", "unknown parameter; \(id) takes enabled, severity, \(known)")
                        }
                        guard Self.sameKind(expected, parameter) else {
                            throw invalid(field, "\(id).\(fieldName)", "expected a value like \(Self.describe(expected))")
                        }
                    }
                    settings.parameters[fieldName] = parameter
                }
            }
            configuration.rules[id] = settings
        }
    }

    func parameter(_ node: Node, _ key: String) throws -> RuleParameter {
        switch node {
        case .scalar:
            if let number = node.int { return .number(Double(number)) }
            if let number = node.float { return .number(number) }
            if let flag = flag(node) { return .bool(flag) }
            return .string(node.string ?? "")
        case let .sequence(items):
            return .list(try items.map { item in
                guard case .scalar = item, let text = item.string else { throw invalid(item, key, "expected a list of plain values") }
                return text
            })
        default:
            throw invalid(node, key, "expected a number, true/false, text or a list")
        }
    }

    /// The resolver a document is composed with: the basic one (no tag
    /// resolution; `bool` then reads booleans itself) unless the text holds a
    /// `!`, which every explicit tag (`!!str`, `!<…>`, `!local`) begins with;
    /// then Yams' default one, so that `!!str true` stays text. The default
    /// resolver compiles seven ICU regular expressions and matches every plain
    /// scalar against them (~4 ms of a start); the shipped files hold no `!`.
    static func resolver(for yaml: String) -> Resolver {
        yaml.utf8.contains(UInt8(ascii: "!")) ? .default : .basic
    }

    /// `bool(_:)` of a node this reader composed: with the default resolver
    /// the tags are already resolved, and `Node.bool` reads them.
    func flag(_ node: Node) -> Bool? {
        resolvedTags ? node.bool : Self.bool(node)
    }

    /// A YAML boolean, read as Yams' default resolver and `Node.bool` read
    /// one: a plain scalar spelled `true`, `false`, `yes`, `no`, `on` or `off`
    /// in lower case, capitalised or upper case; quoted or block text is text.
    ///
    /// Documents without a tag are composed with `Resolver.basic`: the default resolver
    /// compiles seven ICU regular expressions (the first initialises ICU's
    /// regex tables) and matches every plain scalar against them, ~4 ms of each
    /// run's start for two small files (docs/benchmarks.md). Plain scalars then
    /// arrive tagged as text, so the spellings are checked here. For a node
    /// composed with `.basic` only: it cannot tell `!!str true` from `true`,
    /// which is why a document holding a tag is composed with `.default` (`resolver(for:)`).
    static func bool(_ node: Node) -> Bool? {
        guard case let .scalar(scalar) = node else { return nil }
        guard scalar.tag.description == Tag.Name.str.rawValue else { return node.bool }
        guard scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    static func sameKind(_ lhs: RuleParameter, _ rhs: RuleParameter) -> Bool {
        switch (lhs, rhs) {
        case (.number, .number), (.bool, .bool), (.string, .string), (.list, .list): return true
        default: return false
        }
    }

    static func describe(_ parameter: RuleParameter) -> String {
        switch parameter {
        case let .number(value): return value == value.rounded() ? String(Int(value)) : String(value)
        case let .bool(value): return String(value)
        case let .string(value): return "\"\(value)\""
        case let .list(values): return "[" + values.joined(separator: ", ") + "]"
        }
    }

    // MARK: helpers shared with the waiver and secrets readers

    func mapping(_ node: Node, _ what: String) throws -> [(Node, Node)] {
        guard case let .mapping(map) = node else { throw invalid(node, what, "expected a mapping of `key: value` lines") }
        return map.map { ($0.key, $0.value) }
    }

    func name(_ node: Node) throws -> String {
        guard case .scalar = node, let text = node.string else { throw invalid(node, "key", "expected a plain key") }
        return text
    }

    func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    func invalid(_ node: Node, _ key: String, _ problem: String) -> RulesConfigError {
        .invalidValue(file: file, line: line(node), key: key, problem: problem)
    }

    func location(_ node: Node) -> SourceLocation { SourceLocation(file: file, line: line(node)) }
}

/// Turns Yams' errors into `RulesConfigError` with a line (and never the file's text).
enum YAMLErrorLocator {
    static func configError(_ error: YamlError, file: String) -> RulesConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { $0.text + " " } ?? ""
            let began = context.map { $0.mark.line != mark.line ? " (it began on line \($0.mark.line))" : "" } ?? ""
            return .malformedYAML(file: file, line: mark.line, problem: prefix + problem + began)
        case let .reader(problem, _, _, _):
            return .malformedYAML(file: file, line: nil, problem: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .malformedYAML(file: file, line: context.mark.line, problem: "duplicate key(s) " + duplicates.joined(separator: ", "))
        default:
            return .malformedYAML(file: file, line: nil, problem: "cannot parse the file")
        }
    }
}
