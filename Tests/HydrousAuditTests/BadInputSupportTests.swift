import Foundation
import XCTest

/// Runs the real binary under a watchdog: a run that outlives `timeout` is
/// killed and reported, so a hang fails the test instead of the whole suite.
enum GuardedCLI {
    /// What one guarded run gave.
    struct Result {
        let status: Int32
        let signaled: Bool
        let timedOut: Bool
        let stdout: String
        let stderr: String
        let seconds: Double
        /// Both streams, for scanning.
        var output: String { stdout + "\n" + stderr }
    }

    /// Text a crashing Swift process prints (runtime traps, backtraces, signals).
    static let crashMarkers = [
        "Fatal error", "Stack dump", "Current stack trace", "Swift runtime failure", "Segmentation fault",
        "Illegal instruction", "Program crashed", "Thread 0 crashed", "AddressSanitizer",
    ]

    /// Runs `hydrous-audit arguments` with extra `environment`, killing it after `timeout` seconds.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: CLI.binary) else {
            XCTFail("hydrous-audit binary not found at \(CLI.binary): run `swift build` first", file: file, line: line)
            throw XCTSkip("no binary")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let started = Date()
        try process.run()
        let outData = LockedData()
        let errData = LockedData()
        let readers = DispatchGroup()
        readers.enter()
        DispatchQueue.global().async { outData.set(out.fileHandleForReading.readDataToEndOfFile()); readers.leave() }
        readers.enter()
        DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); readers.leave() }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        _ = readers.wait(timeout: .now() + 10)
        return Result(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self), seconds: Date().timeIntervalSince(started))
    }

    /// Fails unless `result` ended on its own, by exit, without crash text.
    static func assertNoCrash(_ result: Result, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.timedOut, "\(context): still running after the watchdog's bound (hang)", file: file, line: line)
        XCTAssertFalse(result.signaled, "\(context): killed by signal \(result.status)\n\(result.stderr.suffix(2000))", file: file, line: line)
        for marker in crashMarkers where result.output.contains(marker) {
            XCTFail("\(context): output holds \"\(marker)\"\n\(result.stderr.suffix(2000))", file: file, line: line)
        }
    }
}

/// Bad versions of an input file, written at test time.
enum BadInput {
    /// The ways a file can be bad.
    enum Mutation: String, CaseIterable {
        case truncated, wrongTyped, empty, binary, nested, oversized, directory, missing
    }

    /// The size of the oversized file: 300 MB, over every reader's limit
    /// (reports and snapshots may take 256 MB). It is sparse: no disk is written.
    static let oversizedBytes = 300 * 1024 * 1024

    /// Deterministic random bytes (a fixed-seed LCG) with NUL and invalid UTF-8 bytes mixed in.
    static func binary(count: Int = 4096, seed: UInt64 = 0x5EED) -> Data {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for index in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        for index in stride(from: 0, to: count, by: 97) { bytes[index] = 0 }
        for index in stride(from: 13, to: count, by: 101) { bytes[index] = 0xFF }
        return Data(bytes)
    }

    /// 100,000 opening brackets: a parser that recurses per level overflows its stack.
    static let nested = Data(repeating: UInt8(ascii: "["), count: 100_000)

    /// Writes `mutation` of a file at `path`; `valid` is a good file (cut for `.truncated`),
    /// `wrongTyped` a well-formed file whose values have the wrong type.
    static func write(_ mutation: Mutation, at path: String, valid: Data, wrongTyped: String, truncated: String?) throws {
        let fm = FileManager.default
        if mutation == .missing { return }
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: path)
        switch mutation {
        case .truncated:
            try (truncated.map { Data($0.utf8) } ?? valid.prefix(valid.count / 2)).write(to: url)
        case .wrongTyped: try Data(wrongTyped.utf8).write(to: url)
        case .empty: try Data().write(to: url)
        case .binary: try binary().write(to: url)
        case .nested: try nested.write(to: url)
        case .oversized: try writeOversized(at: url, start: valid)
        case .directory: try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .missing: break
        }
    }

    /// The valid file's first KB, then zero bytes up to `oversizedBytes` (a
    /// sparse file): only a size limit stops the tool from reading it all.
    private static func writeOversized(at url: URL, start: Data) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: start.prefix(1024))
        try handle.truncate(atOffset: UInt64(oversizedBytes))
    }
}
