import AWSClient
import Foundation
import XCTest

/// Inputs the fuzzers (Fuzz/, scripts/fuzz.sh) found crashing, kept in
/// `Fixtures/badinput/`: each must now be refused with an error, in the
/// parser and through the real binary; and the seed corpus of real AWS
/// answers must still parse (the guards added must not refuse real answers).
final class FuzzRegressionTests: XCTestCase {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/badinput")
    }

    /// The crashing XML answers (FoundationXML trapped or read NULL on each).
    static func crashingXML() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasPrefix("xml-") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: fixtures.appendingPathComponent($0)))) }
    }

    func testCrashingXMLIsRefusedByTheParser() throws {
        let inputs = try Self.crashingXML()
        XCTAssertGreaterThanOrEqual(inputs.count, 4, "fixtures missing")
        for (name, bytes) in inputs {
            XCTAssertThrowsError(try AWSXMLNode.parse(bytes), name) { error in
                XCTAssertTrue(error is AWSXMLParseError, "\(name): \(error)")
            }
        }
    }

    func testNamedCrashShapes() {
        // Invalid UTF-8 in an element or attribute name: FoundationXML traps (SIGILL).
        XCTAssertThrowsError(try AWSXMLNode.parse([UInt8]("<a><b".utf8) + [0xFF] + [UInt8]("/></a>".utf8)))
        XCTAssertThrowsError(try AWSXMLNode.parse([UInt8]("<a ".utf8) + [0xFF] + [UInt8]("=\"1\"/>".utf8)))
        // A processing instruction without data: FoundationXML calls strlen(NULL).
        XCTAssertThrowsError(try AWSXMLNode.parse("<a><?t?></a>"))
        XCTAssertThrowsError(try AWSXMLNode.parse("<?xmlumtf8?>\n<a/>"))
        XCTAssertThrowsError(try AWSXMLNode.parse("<?xml version=\"1.0\"?><?pi?><a/>"))
        // A declaration that never closes, its `?>` found at the end of a processing instruction.
        XCTAssertThrowsError(try AWSXMLNode.parse("<?xml versio<a><?pi?></a>"))
        XCTAssertThrowsError(try AWSXMLNode.parse("<?xml version=\"1.0\"><a><?pi?></a>"))
        // A DTD: entity declarations are no part of an AWS answer.
        XCTAssertThrowsError(try AWSXMLNode.parse("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"))
        // Still read: a declaration, a byte-order mark, leading blanks, UTF-8 text.
        XCTAssertEqual(try AWSXMLNode.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b>ñ</b></a>").text("b"), "ñ")
        XCTAssertEqual(try AWSXMLNode.parse([0xEF, 0xBB, 0xBF] + [UInt8]("  <a><b>x</b></a>".utf8)).text("b"), "x")
        XCTAssertEqual(try AWSXMLNode.parse("<a><b>1 &lt;? 2</b></a>").text("b"), "1 <? 2")
    }

    func testSeedCorpusOfRealAnswersStillParses() throws {
        let corpus = CLI.packageRoot.appendingPathComponent("Fuzz/corpus/xml")
        // Real answers only: `regression-*` seeds are the crashing inputs, kept so fuzzing starts from them.
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix("regression-") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10)
        for name in names {
            let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(name)))
            XCTAssertNoThrow(try AWSXMLNode.parse(bytes), name)
        }
    }

    /// Through the binary: a stub answering the crashing bytes to every call gives exit 3, not a signal.
    func testCrashingXMLThroughTheLiveAudit() throws {
        for (name, bytes) in try Self.crashingXML() {
            let folder = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try BadInputAPITests.StubServer(contentType: "text/xml", body: Data(bytes), folder: folder)
            defer { server.stop() }
            let result = try GuardedCLI.run(
                ["run", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:\(server.port)", "--format", "text"],
                environment: ["AWS_ACCESS_KEY_ID": "AKIAFUZZREGRESSION01", "AWS_SECRET_ACCESS_KEY": "fuzz-regression-secret",
                              "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
            GuardedCLI.assertNoCrash(result, name)
            XCTAssertEqual(result.status, 3, "\(name): \(result.stderr.suffix(1200))")
            XCTAssertTrue(result.stderr.contains("could not be read"), "\(name): \(result.stderr.prefix(600))")
        }
    }
}
