import Foundation
import XCTest

/// Runs the real `hydrous-audit` binary, as a user or CI would.
enum CLI {
    /// The package root, from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `HYDROUS_AUDIT_BIN`, else `.build/debug/hydrous-audit`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["HYDROUS_AUDIT_BIN"], !path.isEmpty { return path }
        return packageRoot.appendingPathComponent(".build/debug/hydrous-audit").path
    }

    /// A path under the package root.
    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// The result of one run.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary with `arguments` in `directory` (default: package root).
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil,
                    file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("hydrous-audit binary not found at \(binary): run `swift build` first (scripts/test.sh does)", file: file, line: line)
            throw XCTSkip("no binary")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? packageRoot.path)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a large report cannot block the child.
        let outData = LockedData()
        let errData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData.set(out.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self)
        )
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hydrous-audit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// A thread-safe box for pipe output.
final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
