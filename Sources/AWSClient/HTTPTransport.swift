import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and returns the answer; the seam tests replace.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; throws `AWSClientError.networkFailure` / `.tlsFailure` when no answer came.
    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse
}

/// The real transport: Foundation's `URLSession` (libcurl on Linux).
///
/// TLS certificates are always verified (nothing here can turn that off).
///
/// Proxies: on Linux libcurl itself applies `HTTPS_PROXY` / `https_proxy` /
/// `http_proxy` and `NO_PROXY` / `no_proxy` from the process environment
/// (URLSession there ignores `connectionProxyDictionary`); creating a
/// transport adds loopback to `no_proxy` so a local emulator is always reached
/// directly. On Darwin the same variables, passed as `variables`, are applied
/// through `connectionProxyDictionary`, with `NO_PROXY` and loopback routed to
/// a proxy-free session.
public final class URLSessionTransport: HTTPTransport {
    /// Seconds a host (or the proxy in front of it) has to accept a TCP
    /// connection. `URLSession` has no connect timeout (on Linux
    /// swift-corelibs-foundation never sets libcurl's `CURLOPT_CONNECTTIMEOUT`),
    /// so before its first exchange with a host the transport connects to it
    /// once itself (`ConnectProbe`) with this deadline, and again after any
    /// exchange there fails without an answer: an endpoint that drops packets
    /// fails each attempt in this many seconds, not in `requestTimeout`.
    public let connectTimeout: TimeInterval
    /// Seconds an exchange may go without progress (connecting, sending,
    /// waiting for or reading the answer) before it fails as timed out; every
    /// byte sent or received restarts it. On Linux the session's resource
    /// timeout is not enforced, so this is what bounds one attempt; the
    /// client's retry budget bounds the call.
    public let requestTimeout: TimeInterval
    /// Connections kept open to one host at most, so requests in flight to it
    /// at most; more wait inside libcurl for a free connection (their
    /// `requestTimeout` runs meanwhile).
    public let maxConnectionsPerHost: Int
    /// The proxy settings in force.
    public let proxies: ProxySettings
    private let sessions: [String: URLSession]
    private let reachable: ReachableHosts
    /// Why no request can be sent (libcurl could not be loaded), or nil.
    private let unavailable: String?

    /// Creates a transport; default timeouts are 5 s to connect and 30 s per
    /// request, and up to 8 connections per host (the audit's default
    /// `--max-in-flight`; Foundation's own default is 6).
    public convenience init(
        connectTimeout: TimeInterval = 5, requestTimeout: TimeInterval = 30, maxConnectionsPerHost: Int = 8,
        variables: [String: String] = [:]
    ) {
        self.init(
            connectTimeout: connectTimeout, requestTimeout: requestTimeout, maxConnectionsPerHost: maxConnectionsPerHost,
            variables: variables, reachable: ReachableHosts())
    }

    /// Creates a transport whose connect checks go through `reachable`, and
    /// that cannot send when `unavailable` gives a reason (tests inject both).
    init(
        connectTimeout: TimeInterval, requestTimeout: TimeInterval, maxConnectionsPerHost: Int,
        variables: [String: String], reachable: ReachableHosts, unavailable: String? = HTTPLibrary.unavailable
    ) {
        self.reachable = reachable
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxConnectionsPerHost = max(1, maxConnectionsPerHost)
        _ = ProxySettings.loopbackBypassInstalled
        let proxies = ProxySettings(variables: variables)
        self.proxies = proxies
        self.unavailable = unavailable
        var sessions: [String: URLSession] = [:]
        // Without libcurl a session cannot even be created: send reports why.
        guard unavailable == nil else {
            self.sessions = sessions
            return
        }
        let routes: [(String, ProxySettings.ProxyAddress?)] = [("direct", nil), ("http", proxies.http), ("https", proxies.https)]
        for (key, proxy) in routes {
            let configuration = URLSessionConfiguration.ephemeral
            // The request timeout is an idle timeout (no bytes for this long),
            // connecting included; each URLRequest sets its own to requestTimeout.
            // The resource timeout is ignored by swift-corelibs-foundation
            // (measured: an 8 s request timeout fired at 8 s with a 2 s resource
            // timeout); it holds on Darwin.
            configuration.timeoutIntervalForRequest = max(connectTimeout, requestTimeout)
            configuration.timeoutIntervalForResource = requestTimeout
            // Honoured on Linux too (libcurl's CURLMOPT_MAX_HOST_CONNECTIONS); further requests wait for a free one.
            configuration.httpMaximumConnectionsPerHost = self.maxConnectionsPerHost
            configuration.connectionProxyDictionary = ProxySettings.dictionary(for: proxy)
            configuration.urlCache = nil
            configuration.httpCookieStorage = nil
            configuration.urlCredentialStorage = nil
            sessions[key] = URLSession(configuration: configuration)
        }
        self.sessions = sessions
    }

    deinit {
        for session in sessions.values { session.finishTasksAndInvalidate() }
    }

    /// Sends `request` through the session its host routes to.
    public func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        if let unavailable { throw AWSClientError.httpUnavailable(reason: unavailable) }
        guard let url = request.url else {
            throw AWSClientError.networkFailure(host: request.host, reason: "the request URL is not valid", isTimeout: false)
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: requestTimeout)
        urlRequest.httpMethod = request.method
        for header in request.headers where !Self.framingHeaders.contains(header.name.lowercased()) {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        let proxy = proxies.proxy(scheme: request.scheme, host: request.host)
        let route = proxy == nil ? "direct" : request.scheme
        guard let session = sessions[route] ?? sessions["direct"] else {
            throw AWSClientError.networkFailure(host: request.host, reason: "no session", isTimeout: false)
        }
        #if canImport(FoundationNetworking)
        // libcurl takes its proxy from the process environment when the request starts: probe what it will connect to.
        let connectsTo = ProxySettings(variables: ProcessInfo.processInfo.environment).proxy(scheme: request.scheme, host: request.host)
        #else
        let connectsTo = proxy
        #endif
        let target = connectsTo.map { (host: $0.host, port: $0.port) }
            ?? (host: request.host, port: request.port ?? (request.scheme == "http" ? 80 : 443))
        try await ensureReachable(target, for: request.hostHeader, viaProxy: connectsTo != nil)
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await exchange(urlRequest, body: Data(request.body), method: request.method, on: session)
        } catch let error as URLError {
            await reachable.forget(host: target.host, port: target.port)
            throw Self.map(error, host: request.hostHeader)
        } catch {
            await reachable.forget(host: target.host, port: target.port)
            #if canImport(FoundationNetworking)
            if error is ResendWatch.Resent {
                throw AWSClientError.networkFailure(
                    host: request.hostHeader, reason: "connection closed by the server before an answer", isTimeout: false)
            }
            #endif
            throw AWSClientError.networkFailure(host: request.hostHeader, reason: "\(type(of: error))", isTimeout: false)
        }
        guard let http = response as? HTTPURLResponse else {
            throw AWSClientError.networkFailure(host: request.hostHeader, reason: "not an HTTP answer", isTimeout: false)
        }
        let headers = http.allHeaderFields.compactMap { key, value -> HTTPHeader? in
            guard let name = key as? String else { return nil }
            return HTTPHeader(name, "\(value)")
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }
        return AWSHTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// Throws the retryable network failure a probe of `target` found, unless it connected.
    private func ensureReachable(_ target: (host: String, port: Int), for hostHeader: String, viaProxy: Bool) async throws {
        let outcome = await reachable.check(host: target.host, port: target.port, timeout: connectTimeout)
        let place = viaProxy ? "the proxy \(target.host):\(target.port)" : "\(target.host):\(target.port)"
        switch outcome {
        case .connected:
            return
        case .timedOut:
            let seconds = connectTimeout.rounded() == connectTimeout ? "\(Int(connectTimeout))" : "\(connectTimeout)"
            throw AWSClientError.networkFailure(
                host: hostHeader,
                reason: "no connection to \(place) within \(seconds) s: packets dropped by a firewall, "
                    + "an endpoint out of reach or a wrong address",
                isTimeout: true)
        case .refused(let reason):
            throw AWSClientError.networkFailure(host: hostHeader, reason: "\(reason) at \(place)", isTimeout: false)
        case .notFound:
            throw AWSClientError.networkFailure(
                host: hostHeader, reason: viaProxy ? "proxy host \(target.host) not found" : "host not found", isTimeout: false)
        }
    }

    /// Headers the transport writes itself (from the URL and the body), never copied from the request.
    static let framingHeaders: Set<String> = ["host", "content-length", "transfer-encoding"]

    /// One exchange on `session`. On Linux a request with a body is watched
    /// for libcurl re-sending it without the body (see `ResendWatch`): a POST
    /// on a keep-alive connection the server dropped then fails at once,
    /// retryably, instead of stalling until the request timeout.
    private func exchange(_ request: URLRequest, body: Data, method: String, on session: URLSession) async throws
        -> (Data, URLResponse) {
        var request = request
        if !body.isEmpty || method == "POST" || method == "PUT" {
            request.httpBody = body
        }
        #if canImport(FoundationNetworking)
        if !body.isEmpty {
            return try await ResendWatch.send(request, on: session)
        }
        #endif
        return try await session.data(for: request)
    }

    static func map(_ error: URLError, host: String) -> AWSClientError {
        switch error.code {
        case .timedOut:
            return .networkFailure(host: host, reason: "timed out", isTimeout: true)
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected, .secureConnectionFailed:
            return .tlsFailure(host: host, reason: "URLError \(error.code.rawValue)")
        case .cannotConnectToHost: return .networkFailure(host: host, reason: "connection refused", isTimeout: false)
        case .networkConnectionLost: return .networkFailure(host: host, reason: "connection reset", isTimeout: false)
        case .cannotFindHost, .dnsLookupFailed: return .networkFailure(host: host, reason: "host not found", isTimeout: false)
        default: return .networkFailure(host: host, reason: "URLError \(error.code.rawValue)", isTimeout: false)
        }
    }
}
