import Foundation

/// One HTTP header line: a name (case kept as given) and its value.
public struct HTTPHeader: Sendable, Equatable {
    /// The header name as it will be sent.
    public var name: String
    /// The header value.
    public var value: String

    /// Creates a header line.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP request to an AWS endpoint, before or after signing.
///
/// `path` is the request-target path exactly as it goes on the wire (it may be
/// percent-encoded already); `query` is the raw query string without `?`.
public struct AWSHTTPRequest: Sendable, Equatable {
    /// `GET`, `POST`, `PUT`…
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    /// Host name or address, without port.
    public var host: String
    /// Explicit port, or `nil` for the scheme's default.
    public var port: Int?
    /// The wire path, starting with `/`.
    public var path: String
    /// The raw query string (no leading `?`), empty when none.
    public var query: String
    /// Header lines in order; names may repeat.
    public var headers: [HTTPHeader]
    /// The request body bytes.
    public var body: [UInt8]

    /// Creates a request.
    public init(
        method: String, scheme: String = "https", host: String, port: Int? = nil,
        path: String = "/", query: String = "", headers: [HTTPHeader] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The `Host` header value: host plus the port when it is not the scheme's default.
    public var hostHeader: String {
        guard let port else { return host }
        let isDefault = (scheme == "https" && port == 443) || (scheme == "http" && port == 80)
        return isDefault ? host : "\(host):\(port)"
    }

    /// The full URL, or `nil` when the parts do not form one.
    public var url: URL? {
        var text = "\(scheme)://\(hostHeader)\(path)"
        if !query.isEmpty { text += "?\(query)" }
        return URL(string: text)
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Replaces every header called `name` (case-insensitive) with one line.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeader(name)
        headers.append(HTTPHeader(name, value))
    }

    /// Removes every header called `name` (case-insensitive).
    public mutating func removeHeader(_ name: String) {
        let lower = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lower }
    }
}

/// An HTTP response: status, headers and body bytes.
public struct AWSHTTPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header lines as received.
    public var headers: [HTTPHeader]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates a response whose body is the UTF-8 bytes of `text`.
    public init(status: Int, headers: [HTTPHeader] = [], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
