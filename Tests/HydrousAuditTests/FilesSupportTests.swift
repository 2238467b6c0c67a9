import Foundation
import XCTest
@testable import HydrousAudit
import Inventory

/// Paths and helpers shared by the file-reader tests.
enum FilesFixtures {
    /// The package root, from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The deployment guide in `shared/` next to the package.
    static var guidePath: String {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/guide/aws-deployment-guide.md").path
    }

    /// A fixture under `Tests/HydrousAuditTests/Fixtures/files/`.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/files/\(name)").path
    }

    /// A fresh temporary directory, removed by the test case's teardown.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hydrous-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Reads shell text as a script named `file`.
    static func shell(_ text: String, file: String = "deploy.sh") throws -> FileReadResult {
        try FileSource().read(text: text, kind: .shell, file: file)
    }

    /// Reads Markdown text as a runbook named `file`.
    static func markdown(_ text: String, file: String = "runbook.md") throws -> FileReadResult {
        try FileSource().read(text: text, kind: .markdown, file: file)
    }
}
