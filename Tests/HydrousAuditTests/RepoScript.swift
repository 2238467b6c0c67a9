import Foundation

/// The repository's scripts as the live and fault harnesses run them.
enum RepoScript {
    /// The package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// This process's environment with dummy credentials and moto's state in `stateDir`.
    static func environment(stateDir: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["MOTO_STATE_DIR"] = stateDir
        env["AWS_ACCESS_KEY_ID"] = "testing"
        env["AWS_SECRET_ACCESS_KEY"] = "testing"
        env["AWS_DEFAULT_REGION"] = "us-east-1"
        env["AWS_PAGER"] = ""
        env.removeValue(forKey: "AWS_PROFILE")
        env.removeValue(forKey: "AWS_SESSION_TOKEN")
        return env
    }

    /// A process (not started) for a repo script (`scripts/x.sh …`: the first argument has a `/`)
    /// or a command on the PATH, run from the package root with `environment`.
    static func process(_ arguments: [String], environment: [String: String]) -> Process {
        let process = Process()
        let (command, rest) = (arguments.first ?? "true", Array(arguments.dropFirst()))
        if command.contains("/") {
            process.executableURL = root.appendingPathComponent(command)
            process.arguments = rest
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        process.currentDirectoryURL = root
        process.environment = environment
        return process
    }
}
