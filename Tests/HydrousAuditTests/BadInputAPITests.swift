import Foundation
import XCTest

/// Malformed API answers: a loopback stub answers every call with the same
/// bad body (broken XML, broken JSON, an HTML page, XML that is no AWS answer,
/// random bytes). The live audit must record each call as failed, exit 3 with
/// a message, and neither crash nor hang.
final class BadInputAPITests: XCTestCase {
    /// A Python `http.server` answering 200 with `body` to every request.
    final class StubServer {
        let process = Process()
        let port: Int

        static let script = """
            import sys, http.server, socketserver
            ctype = sys.argv[1]
            body = open(sys.argv[2], 'rb').read()
            class Handler(http.server.BaseHTTPRequestHandler):
                def answer(self):
                    length = int(self.headers.get('Content-Length') or 0)
                    if length:
                        self.rfile.read(length)
                    self.send_response(200)
                    self.send_header('Content-Type', ctype)
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                do_POST = do_GET = answer
                def log_message(self, *args):
                    pass
            class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
                daemon_threads = True
            server = Server(('127.0.0.1', 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """

        init(contentType: String, body: Data, folder: URL) throws {
            let scriptURL = folder.appendingPathComponent("stub.py")
            let bodyURL = folder.appendingPathComponent("body")
            try Data(Self.script.utf8).write(to: scriptURL)
            try body.write(to: bodyURL)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", scriptURL.path, contentType, bodyURL.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            let deadline = Date().addingTimeInterval(20)
            while !line.contains(0x0A), Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                process.terminate()
                throw XCTSkip("python3 stub server did not start")
            }
            self.port = port
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    static let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYBADINPUTKEY"
    static let sessionToken = "FQoGZXIvYXdzEBadInputSessionToken0123456789"

    /// Runs the live audit against a stub answering `body`; checks exit 3, the message, coverage and no leak.
    func audit(contentType: String, body: Data, name: String) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try StubServer(contentType: contentType, body: body, folder: folder)
        defer { server.stop() }
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIABADINPUTEXAMPLE", "AWS_SECRET_ACCESS_KEY": Self.secretKey,
            "AWS_SESSION_TOKEN": Self.sessionToken, "AWS_CONFIG_FILE": "/nonexistent",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let result = try GuardedCLI.run(
            ["run", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:\(server.port)", "--format", "json", "--verbose"],
            environment: environment)
        GuardedCLI.assertNoCrash(result, name)
        XCTAssertEqual(result.status, 3, "\(name): \(result.stderr.suffix(1500))")
        XCTAssertTrue(result.stderr.contains("incomplete"), "\(name): \(result.stderr.prefix(800))")
        XCTAssertTrue(result.stderr.contains("could not be read"), "\(name): \(result.stderr.prefix(800))")
        for leak in [Self.secretKey, Self.sessionToken, "Signature=", "Authorization:", "AWS4-HMAC-SHA256 Credential="] {
            XCTAssertFalse(result.output.contains(leak), "\(name): output holds \(leak)")
        }
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(report?["complete"] as? Bool, false, name)
        let coverage = report?["coverage"] as? [[String: Any]] ?? []
        XCTAssertFalse(coverage.isEmpty, "\(name): no coverage")
        for entry in coverage {
            XCTAssertEqual(entry["status"] as? String, "failed", "\(name): \(entry) was not recorded as failed")
        }
    }

    func testBrokenXML() throws {
        try audit(contentType: "text/xml", body: Data("<DescribeSubnetsResponse><subnetSet><item><subnetId>".utf8), name: "broken XML")
    }

    func testBrokenJSON() throws {
        try audit(contentType: "application/x-amz-json-1.1", body: Data(#"{"clusterArns": ["arn:aws:ecs:"#.utf8), name: "broken JSON")
    }

    func testHTMLPageWithStatus200() throws {
        try audit(contentType: "text/html", body: Data("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8), name: "HTML page")
    }

    func testXMLThatIsNoAWSAnswer() throws {
        try audit(contentType: "text/xml", body: Data("<?xml version=\"1.0\"?><Nothing/>".utf8), name: "XML without an answer element")
    }

    func testRandomBytes() throws {
        try audit(contentType: "application/octet-stream", body: BadInput.binary(count: 2048), name: "random bytes")
    }

    func testDeeplyNestedAnswer() throws {
        let xml = String(repeating: "<a>", count: 100_000)
        try audit(contentType: "text/xml", body: Data(xml.utf8), name: "100,000 nested XML elements")
        try audit(contentType: "application/x-amz-json-1.1", body: BadInput.nested, name: "100,000 nested JSON arrays")
    }
}
