import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for hermetic tests (one connection at a time, `Connection: close`).
final class StubHTTPServer: Sendable {
    struct Request: Sendable {
        let method: String
        let target: String
        let headers: [String: String]
        let body: [UInt8]
        var bodyText: String { String(decoding: body, as: UTF8.self) }
        var formFields: [String: String] {
            var fields: [String: String] = [:]
            for pair in bodyText.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                let decode = { (text: String) in text.removingPercentEncoding ?? text }
                fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
            }
            return fields
        }
    }

    struct Response: Sendable {
        var status: Int = 200
        var headers: [String: String] = [:]
        var body: String = ""
        var delay: TimeInterval = 0
    }

    typealias Handler = @Sendable (Request) -> Response

    let port: Int
    private let listener: Int32
    private let log = Mutex<[Request]>([])

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { log.withLock { $0 } }

    init(handler: @escaping Handler) throws {
        let (fd, port) = try LoopbackSocket.listen(backlog: 16)
        self.port = port
        listener = fd
        LoopbackSocket.acceptLoop(fd) { [self] client in
            if let request = Self.read(client) {
                log.withLock { $0.append(request) }
                Self.write(handler(request), to: client)
            }
            close(client)
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))  // ends the accept loop, which closes it
    }

    private static func read(_ client: Int32) -> Request? {
        var pending: [UInt8] = []
        guard let request = HTTPWire.read(client, pending: &pending) else { return nil }
        return Request(method: request.method, target: request.target, headers: request.headers, body: request.body)
    }

    private static func write(_ response: Response, to client: Int32) {
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let body = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) Stub\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        HTTPWire.send(Array((head + "\r\n").utf8) + body, to: client)
    }
}
