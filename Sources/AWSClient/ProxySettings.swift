import Foundation

/// Proxy settings from `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (either case).
///
/// Loopback hosts (`localhost`, `127.*`, `::1`) and hosts matching `NO_PROXY`
/// always go direct.
public struct ProxySettings: Sendable, Equatable {
    /// Proxy for `https` URLs (host, port).
    public var https: ProxyAddress?
    /// Proxy for `http` URLs (host, port).
    public var http: ProxyAddress?
    /// `NO_PROXY` entries, lower-cased, leading `.` / `*.` removed.
    public var noProxy: [String]

    /// A proxy host and port.
    public struct ProxyAddress: Sendable, Equatable {
        /// Proxy host name or address.
        public var host: String
        /// Proxy port.
        public var port: Int
    }

    /// Reads proxies from environment variables (upper case wins over lower case).
    public init(variables: [String: String]) {
        func value(_ name: String) -> String? {
            for key in [name.uppercased(), name.lowercased()] {
                if let found = variables[key], !found.isEmpty { return found }
            }
            return nil
        }
        https = value("HTTPS_PROXY").flatMap(Self.address)
        http = value("HTTP_PROXY").flatMap(Self.address)
        noProxy = (value("NO_PROXY") ?? "").split(separator: ",").map {
            var entry = $0.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.hasPrefix("*.") { entry.removeFirst(2) } else if entry.hasPrefix(".") { entry.removeFirst() }
            return entry
        }.filter { !$0.isEmpty }
    }

    private static func address(_ text: String) -> ProxyAddress? {
        let withScheme = text.contains("://") ? text : "http://\(text)"
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            return nil
        }
        return ProxyAddress(host: host, port: components.port ?? (components.scheme == "https" ? 443 : 80))
    }

    /// The proxy to use for `scheme://host`, or `nil` to connect directly.
    public func proxy(scheme: String, host: String) -> ProxyAddress? {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if Self.isLoopback(name) || bypasses(name) { return nil }
        return scheme == "https" ? https : http
    }

    /// Whether `NO_PROXY` names `host` (exact, domain suffix, or `*`).
    public func bypasses(_ host: String) -> Bool {
        noProxy.contains { entry in
            let bare = entry.split(separator: ":").first.map(String.init) ?? entry
            return entry == "*" || host == bare || host.hasSuffix("." + bare)
        }
    }

    /// Whether `host` is a loopback name or address.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1"
    }

    /// Loopback entries added to the process's `no_proxy` / `NO_PROXY`.
    static let loopbackEntries = ["localhost", "127.0.0.1", "::1"]

    /// Makes libcurl reach loopback directly whatever the proxy variables say.
    ///
    /// On Linux, `URLSession` ignores `connectionProxyDictionary`; libcurl reads
    /// `https_proxy` / `HTTPS_PROXY` / `http_proxy` / `no_proxy` / `NO_PROXY`
    /// from the process environment itself, and would send even 127.0.0.1
    /// through the proxy. This appends the loopback names to both `no_proxy`
    /// spellings, once, before the first transport exists.
    static let loopbackBypassInstalled: Bool = {
        for name in ["no_proxy", "NO_PROXY"] {
            let current = getenv(name).map { String(cString: $0) } ?? ""
            let entries = current.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let missing = loopbackEntries.filter { !entries.contains($0) }
            guard !missing.isEmpty, !entries.contains("*") else { continue }
            let updated = (entries.filter { !$0.isEmpty } + missing).joined(separator: ",")
            setenv(name, updated, 1)
        }
        return true
    }()

    /// The `connectionProxyDictionary` for a session that uses `proxy`
    /// (an empty dictionary means "no proxy at all").
    static func dictionary(for proxy: ProxyAddress?) -> [AnyHashable: Any] {
        guard let proxy else { return [:] }
        return [
            "HTTPEnable": 1, "HTTPProxy": proxy.host, "HTTPPort": proxy.port,
            "HTTPSEnable": 1, "HTTPSProxy": proxy.host, "HTTPSPort": proxy.port,
        ]
    }
}
