import Foundation

@testable import AWSClient

/// A throwaway home directory for shared-file tests; removed on deinit.
final class TemporaryHome {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "hydrous-awsclient-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }

    func environment(_ variables: [String: String], profile: String? = nil) -> AWSEnvironment {
        var all = variables
        all["PATH"] = all["PATH"] ?? "/usr/bin:/bin"
        return AWSEnvironment(variables: all, homeDirectory: path, profileOverride: profile)
    }
}
