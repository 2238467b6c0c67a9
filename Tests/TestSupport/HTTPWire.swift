import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing HTTP/1.1 messages on a connected socket, for the tests' loopback servers.
public enum HTTPWire {
    /// One request as it arrived.
    public struct Request: Sendable {
        /// `GET`, `POST`, …
        public let method: String
        /// The request target (`/`, `/path?query`, or an absolute URL through a proxy).
        public let target: String
        /// Header names lower-cased.
        public let headers: [String: String]
        /// The `Content-Length` body.
        public let body: [UInt8]
    }

    /// Reads the next request from `client` (head, then a `Content-Length` body); bytes read beyond it
    /// stay in `pending` for the next call. Nil when the peer closed or went silent.
    public static func read(_ client: Int32, pending: inout [UInt8]) -> Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while pending.firstRange(of: separator) == nil {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            pending.append(contentsOf: buffer[0..<count])
        }
        guard let range = pending.firstRange(of: separator) else { return nil }
        let lines = String(decoding: pending[..<range.lowerBound], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first.map { $0.split(separator: " ").map(String.init) } ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "") ?? 0
        pending.removeSubrange(..<range.upperBound)
        while pending.count < length {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            pending.append(contentsOf: buffer[0..<count])
        }
        let body = Array(pending[..<length])
        pending.removeSubrange(..<length)
        return Request(
            method: requestLine.first ?? "", target: requestLine.count > 1 ? requestLine[1] : "", headers: headers, body: body)
    }

    /// Writes all of `bytes` to `client`; false when the peer went away first.
    @discardableResult
    public static func send(_ bytes: [UInt8], to client: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }
}
