import Foundation

/// Runs a profile's `credential_process` and reads its JSON answer
/// (`{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`).
///
/// The command runs through `/bin/sh -c` with the injected environment. Its
/// output is never echoed in errors (it holds the secret).
struct CredentialProcess: Sendable {
    let command: String
    let environment: [String: String]
    let timeout: TimeInterval
    let sourceName: String

    func run() async throws -> AWSCredentials {
        let output = try await execute()
        guard let value = try? JSONValue.parse(output) else {
            throw AWSClientError.credentialSourceFailed(source: sourceName, reason: "credential_process did not print JSON")
        }
        guard value["Version"]?.int == 1 else {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "credential_process output must have \"Version\": 1")
        }
        return try CredentialDocument.fromJSON(value, source: sourceName)
    }

    private func execute() async throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSClientError.credentialSourceFailed(source: sourceName, reason: "credential_process could not start")
        }
        let reader = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw AWSClientError.credentialSourceFailed(
                    source: sourceName, reason: "credential_process ran longer than \(Int(timeout)) s and was stopped")
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let data = await reader.value
        guard process.terminationStatus == 0 else {
            throw AWSClientError.credentialSourceFailed(
                source: sourceName, reason: "credential_process exited with status \(process.terminationStatus)")
        }
        return Array(data)
    }
}
