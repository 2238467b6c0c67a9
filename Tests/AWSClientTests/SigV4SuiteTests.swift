import Digests
import Foundation
import XCTest

@testable import AWSClient

/// Runs every case of AWS's SigV4 test suite (Authorization-header form).
final class SigV4SuiteTests: XCTestCase {
    private struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let region: String
        let service: String
        let timestamp: String
        let normalize: Bool
        let sign_body: Bool
        let omit_session_token: Bool?
    }

    static func suiteDirectory() -> URL {
        if let override = ProcessInfo.processInfo.environment["HYDROUS_SIGV4_SUITE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/aws-sig-v4-test-suite")
    }

    func testEveryCaseOfTheSuite() throws {
        let directory = Self.suiteDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let cases = names.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/context.json").path)
        }.sorted()
        XCTAssertGreaterThanOrEqual(
            cases.count, 30, "SigV4 test suite not found at \(directory.path) (set HYDROUS_SIGV4_SUITE)")
        for name in cases {
            try runCase(directory.appendingPathComponent(name), name: name)
        }
    }

    private func read(_ url: URL) throws -> String {
        try String(decoding: Data(contentsOf: url), as: UTF8.self)
    }

    private func runCase(_ folder: URL, name: String) throws {
        let context = try JSONDecoder().decode(
            Context.self, from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        var request = try Self.parseRequest(read(folder.appendingPathComponent("request.txt")))
        let omitToken = context.omit_session_token ?? false
        let credentials = AWSCredentials(
            accessKeyId: context.credentials.access_key_id,
            secretAccessKey: context.credentials.secret_access_key,
            sessionToken: omitToken ? nil : context.credentials.token)
        let signer = SigV4Signer(
            credentials: credentials, region: context.region, service: context.service,
            normalizePath: context.normalize)
        let date = try XCTUnwrap(ISO8601DateFormatter().date(from: context.timestamp), name)
        if context.sign_body {
            request.headers.append(HTTPHeader("x-amz-content-sha256", Digest.sha256Hex(request.body)))
        }
        signer.sign(&request, date: date)
        let canonical = signer.canonicalRequest(request.removingAuthorization())
        if omitToken, let token = context.credentials.token {
            // "after" variant: the token travels unsigned, added once the signature exists.
            request.headers.append(HTTPHeader("X-Amz-Security-Token", token))
        }
        let expectedCanonical = try read(folder.appendingPathComponent("header-canonical-request.txt"))
        XCTAssertEqual(canonical.text, expectedCanonical.trimmingTrailingNewline, "canonical request of \(name)")
        let toSign = signer.stringToSign(canonicalRequest: expectedCanonical.trimmingTrailingNewline, date: date)
        let expectedToSign = try read(folder.appendingPathComponent("header-string-to-sign.txt"))
        XCTAssertEqual(toSign, expectedToSign.trimmingTrailingNewline, "string to sign of \(name)")
        let signed = try read(folder.appendingPathComponent("header-signed-request.txt"))
        let expectedAuthorization = signed.split(separator: "\n")
            .first { $0.hasPrefix("Authorization:") }
            .map { String($0.dropFirst("Authorization:".count)) }
        XCTAssertNotNil(expectedAuthorization, name)
        XCTAssertEqual(request.header("Authorization"), expectedAuthorization, "Authorization of \(name)")
    }

    /// Parses the suite's raw HTTP text (LF line ends, folded header lines).
    static func parseRequest(_ text: String) throws -> AWSHTTPRequest {
        let (head, body): (Substring, Substring) = {
            if let range = text.range(of: "\n\n") { return (text[..<range.lowerBound], text[range.upperBound...]) }
            return (Substring(text), "")
        }()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let firstSpace = try XCTUnwrap(requestLine.firstIndex(of: " "))
        let lastSpace = try XCTUnwrap(requestLine.lastIndex(of: " "))
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        var headers: [HTTPHeader] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            let colon = try XCTUnwrap(line.firstIndex(of: ":"))
            headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? "example.amazonaws.com"
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return AWSHTTPRequest(
            method: method, host: host, path: String(pathAndQuery[0]),
            query: pathAndQuery.count > 1 ? String(pathAndQuery[1]) : "",
            headers: headers, body: Array(body.utf8))
    }

    func testSuiteIsNotSilentlySkippedWhenMissing() {
        let missing = URL(fileURLWithPath: "/nonexistent/sigv4-suite")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: missing.path)) ?? []
        XCTAssertTrue(names.isEmpty, "a missing folder yields no cases, which testEveryCaseOfTheSuite turns into a failure")
    }
}

extension AWSHTTPRequest {
    fileprivate func removingAuthorization() -> AWSHTTPRequest {
        var copy = self
        copy.removeHeader("Authorization")
        return copy
    }
}

extension String {
    fileprivate var trimmingTrailingNewline: String {
        var copy = self
        while copy.hasSuffix("\n") { copy.removeLast() }
        return copy
    }
}
