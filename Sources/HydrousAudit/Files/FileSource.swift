import Foundation
import Inventory

/// What reading the files under review gives: one inventory, the inline
/// suppressions, and the problems met along the way (each `file:line: …`).
public struct FileReadResult: Sendable, Equatable {
    /// Everything the files describe, with file locations.
    public var inventory: Inventory
    /// `# hydrous-audit:ignore` comments; those with `reason == nil` must be reported.
    public var suppressions: [Suppression]
    /// Parts of the files that could not be understood (not fatal).
    public var problems: [String]

    /// Creates a result.
    public init(inventory: Inventory, suppressions: [Suppression], problems: [String]) {
        self.inventory = inventory
        self.suppressions = suppressions
        self.problems = problems
    }
}

/// The kinds of file `hydrous-audit check` reads.
public enum FileKind: String, Sendable, Equatable {
    /// A task definition (or any JSON: scanned for secret values).
    case json
    /// A Markdown runbook.
    case markdown
    /// A shell script.
    case shell

    /// The kind of `path` from its extension, else from a `#!` first line; `nil` when unknown.
    public static func of(path: String, firstBytes: String) -> FileKind? {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return .json
        case "md", "markdown": return .markdown
        case "sh", "bash", "zsh": return .shell
        default: return firstBytes.hasPrefix("#!") ? .shell : nil
        }
    }
}

/// The pre-merge gate's source: reads task definition JSON, Markdown runbooks
/// and shell scripts into one `Inventory`, in the order given (later commands
/// update what earlier ones created, e.g. `ecs update-service --desired-count 2`).
public struct FileSource: Sendable {
    /// The largest file read, in bytes.
    public var maxBytes: Int

    /// Creates a source; files larger than `maxBytes` are refused.
    public init(maxBytes: Int = 8 * 1024 * 1024) {
        self.maxBytes = maxBytes
    }

    /// Reads `paths` in order. Throws `FileSourceError` when a file cannot be
    /// read, is of an unknown kind, or is a JSON file that does not parse;
    /// problems inside runbooks and scripts are returned, not thrown.
    public func read(paths: [String]) throws -> FileReadResult {
        var builder = FileInventoryBuilder(maxBytes: maxBytes)
        for path in paths {
            let text = try Self.readText(path: path, maxBytes: maxBytes)
            guard let kind = FileKind.of(path: path, firstBytes: String(text.prefix(2))) else {
                throw FileSourceError.unsupportedType(file: path)
            }
            try Self.read(text, kind: kind, file: Self.stableName(path), into: &builder)
        }
        return builder.finish()
    }

    /// Reads text already in memory as if it were the file `file` of `kind`.
    public func read(text: String, kind: FileKind, file: String) throws -> FileReadResult {
        var builder = FileInventoryBuilder(maxBytes: maxBytes)
        try Self.read(text, kind: kind, file: file, into: &builder)
        return builder.finish()
    }

    private static func read(_ text: String, kind: FileKind, file: String, into builder: inout FileInventoryBuilder) throws {
        builder.file = file
        switch kind {
        case .json:
            let json = try LocatedJSON.parse(text, file: file)
            builder.readJSONFiles[(file as NSString).standardizingPath] = json
            builder.collectJSONSecrets(json)
            if TaskDefinitionReader.isTaskDefinition(json) {
                builder.registerTaskDefinition(json, file: file)
            } else {
                builder.problems.append("\(file):\(json.line): no containerDefinitions: not a task definition; only scanned for secret values")
            }
        case .markdown:
            builder.readMarkdown(text)
        case .shell:
            builder.readShell(text, firstLine: 1)
        }
    }

    /// The name a file's locations, suppressions and fingerprints carry: the path
    /// as the user named it, without `.` components or repeated slashes, so
    /// `./deploy.md` and `deploy.md` match the same baseline (`..` is kept).
    static func stableName(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + parts }
        return parts.isEmpty ? "." : parts
    }

    /// The text of `path`, refusing files over `maxBytes` or not UTF-8.
    static func readText(path: String, maxBytes: Int) throws -> String {
        do {
            return try InputFile.readText(path: path, limit: maxBytes)
        } catch let .tooLarge(bytes, limit) {
            throw FileSourceError.tooLarge(file: path, bytes: bytes ?? limit + 1, limit: limit)
        } catch {
            throw FileSourceError.unreadable(file: path, reason: error.localizedDescription)
        }
    }
}
