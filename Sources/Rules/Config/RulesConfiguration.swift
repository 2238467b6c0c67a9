import Foundation
import Inventory

/// The rules' settings, waivers and secret patterns: built-in defaults,
/// overridden by every `*.yml` in a rules folder (`rules/README.md`).
public struct RulesConfiguration: Sendable {
    /// Settings by rule id; a rule not listed runs as built.
    public var rules: [String: RuleSettings]
    /// Waivers in file order.
    public var waivers: [Waiver]
    /// The secret detector's patterns.
    public var secrets: SecretPatterns
    /// The files that were read, in order.
    public var files: [String]

    /// Creates a configuration.
    public init(
        rules: [String: RuleSettings] = [:], waivers: [Waiver] = [], secrets: SecretPatterns = .default,
        files: [String] = []
    ) {
        self.rules = rules
        self.waivers = waivers
        self.secrets = secrets
        self.files = files
    }

    /// The built-in defaults: every rule enabled at its own severity, no waivers.
    public static let `default` = RulesConfiguration()

    /// The settings of rule `id`.
    public func settings(for id: String) -> RuleSettings {
        rules[id] ?? RuleSettings()
    }

    /// The secret detector these patterns describe (validated at load time).
    public var detector: SecretDetector {
        SecretDetector(validated: secrets)
    }

    /// Reads every `*.yml` / `*.yaml` file of `directory` in sorted name order
    /// on top of the defaults; later files override earlier ones per key.
    public static func load(directory: String) throws -> RulesConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw RulesConfigError.missingDirectory(path: directory)
        }
        var configuration = RulesConfiguration.default
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let path = base + name
            let text: String
            do {
                text = try InputFile.readText(path: path)
            } catch {
                throw RulesConfigError.unreadable(file: path, reason: error.localizedDescription)
            }
            configuration = try configuration.adding(yaml: text, file: path)
        }
        return configuration
    }

    /// This configuration with one more YAML document applied (`file` names it in errors).
    public func adding(yaml: String, file: String) throws -> RulesConfiguration {
        var copy = self
        var reader = RulesFileReader(file: file, configuration: copy)
        try reader.read(yaml)
        copy = reader.configuration
        copy.files.append(file)
        return copy
    }
}
