import Foundation

/// The shared `config` and `credentials` files, parsed into profiles.
///
/// `[name]` sections in the credentials file and `[profile name]` (or
/// `[default]`) sections in the config file; keys of the credentials file win.
struct SharedConfigFiles: Sendable {
    /// Profiles by name, each a key → value map.
    var profiles: [String: [String: String]]
    let configPath: String
    let credentialsPath: String

    /// Reads both files of `environment`; a missing file counts as empty.
    static func load(_ environment: AWSEnvironment) throws -> SharedConfigFiles {
        let configPath = environment.configFilePath
        let credentialsPath = environment.credentialsFilePath
        var profiles: [String: [String: String]] = [:]
        for (name, values) in try parse(path: configPath, isConfig: true) {
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
        for (name, values) in try parse(path: credentialsPath, isConfig: false) {
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
        return SharedConfigFiles(profiles: profiles, configPath: configPath, credentialsPath: credentialsPath)
    }

    /// The keys of profile `name`, or `nil` when no file defines it.
    func profile(_ name: String) -> [String: String]? { profiles[name] }

    static func parse(path: String, isConfig: Bool) throws -> [String: [String: String]] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSClientError.malformedConfigFile(path: path, line: 0, reason: "file cannot be read")
        }
        return try parse(text: String(decoding: data, as: UTF8.self), path: path, isConfig: isConfig)
    }

    static func parse(text: String, path: String, isConfig: Bool) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var current: String?
        var seenSection = false
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if rawLine.first == " " || rawLine.first == "\t" { continue }  // nested sub-section value
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw AWSClientError.malformedConfigFile(path: path, line: lineNumber, reason: "section header without ']'")
                }
                seenSection = true
                current = sectionProfile(String(line.dropFirst().dropLast()), isConfig: isConfig)
                if let current { result[current, default: [:]] = result[current, default: [:]] }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw AWSClientError.malformedConfigFile(path: path, line: lineNumber, reason: "expected 'key = value'")
            }
            guard seenSection else {
                throw AWSClientError.malformedConfigFile(
                    path: path, line: lineNumber, reason: "'key = value' before any [section]")
            }
            guard let section = current else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            result[section, default: [:]][key] = value
        }
        return result
    }

    /// The profile a section header names, or `nil` for sections that are not
    /// profiles (`sso-session`, `services`, or `[x]` without `profile` in config).
    private static func sectionProfile(_ header: String, isConfig: Bool) -> String? {
        let name = header.trimmingCharacters(in: .whitespaces)
        guard isConfig else { return name }
        if name == "default" { return name }
        let parts = name.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "profile" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
