import Foundation

/// Finds the data folders `rules/` and `pricing/` that ship beside the tool,
/// so a user can change a severity or a price without recompiling.
///
/// Order: an explicit path; `HYDROUS_AUDIT_HOME`; the folders above the
/// running executable (a clone built with `swift build`); the folders above
/// the current directory.
public struct DataLocator: Sendable {
    let environment: [String: String]
    let executablePath: String?
    let currentDirectory: String

    /// Creates a locator from the process's environment.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = DataLocator.runningExecutable(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.environment = environment
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
    }

    /// The path of the running executable (`/proc/self/exe` on Linux).
    public static func runningExecutable() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    /// The project home: the first candidate folder that holds `relativePath`.
    public func home(containing relativePath: String) -> String? {
        let fm = FileManager.default
        for start in candidates() {
            var dir = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<8 {
                if fm.fileExists(atPath: dir.appendingPathComponent(relativePath).path) { return dir.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// `rules/` beside the tool, or `nil` (built-in defaults apply).
    public func rulesDirectory() -> String? {
        home(containing: "rules/rules.yml").map { $0 + "/rules" }
    }

    /// `pricing/<region>.json` beside the tool, or `nil`.
    public func pricingFile(region: String) -> String? {
        home(containing: "pricing/\(region).json").map { $0 + "/pricing/\(region).json" }
    }

    private func candidates() -> [String] {
        var list: [String] = []
        if let home = environment["HYDROUS_AUDIT_HOME"], !home.isEmpty { list.append(home) }
        if let exe = executablePath { list.append(URL(fileURLWithPath: exe).deletingLastPathComponent().path) }
        list.append(currentDirectory)
        return list
    }
}
