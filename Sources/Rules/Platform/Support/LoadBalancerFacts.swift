import Foundation
import Inventory

/// Shared readings of load balancer facts for the `elb_*` rules.
enum LoadBalancerFacts {
    /// True for application load balancers (and for a type nobody stated:
    /// `create-load-balancer` defaults to `application`).
    static func isApplication(_ lb: LoadBalancer) -> Bool {
        lb.type == nil || lb.type?.lowercased() == "application"
    }

    /// True when the load balancer came from a reviewed file and the file
    /// states no attribute at all: attribute rules stay silent then.
    static func attributesUnknown(_ lb: LoadBalancer) -> Bool {
        lb.attributes.isEmpty && lb.locations[LocationKey.resource] != nil
    }

    /// A boolean attribute: `nil` when the attributes are unknown (see
    /// `attributesUnknown`), the AWS default `false` when the key is absent.
    static func flag(_ key: String, of lb: LoadBalancer) -> Bool? {
        guard !attributesUnknown(lb) else { return nil }
        return lb.attributes[key]?.lowercased() == "true"
    }

    /// "HTTP:80".
    static func describe(_ listener: Listener) -> String {
        "\(listener.protocol?.uppercased() ?? "?"):\(listener.port.map(String.init) ?? "?")"
    }
}

/// The ELB security policy table: which predefined policies still accept
/// TLS 1.0 or TLS 1.1.
enum TLSPolicyTable {
    /// Predefined policies that accept TLS 1.0 or 1.1 (exact names).
    static let legacy: Set<String> = [
        "ELBSecurityPolicy-2016-08",
        "ELBSecurityPolicy-2015-05",
        "ELBSecurityPolicy-TLS-1-0-2015-04",
        "ELBSecurityPolicy-TLS-1-1-2017-01",
        "ELBSecurityPolicy-FS-2018-06",
        "ELBSecurityPolicy-FS-1-1-2019-08",
        "ELBSecurityPolicy-TLS13-1-0-2021-06",
        "ELBSecurityPolicy-TLS13-1-1-2021-06",
        "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-1-PQ-2025-09",
    ]

    /// Name fragments of policies whose minimum version is TLS 1.2 or 1.3.
    static let modernMarkers = ["-TLS-1-2-", "-TLS13-1-2-", "-TLS13-1-3-", "-FS-1-2-"]
    /// Name fragments of policies whose minimum version is TLS 1.0 or 1.1.
    static let legacyMarkers = ["-TLS-1-0-", "-TLS-1-1-", "-TLS13-1-0-", "-TLS13-1-1-", "-FS-1-1-"]

    /// `true` when `policy` accepts TLS 1.0/1.1, `false` when its minimum is
    /// TLS 1.2 or later, `nil` for a name this table does not know.
    static func allowsLegacyTLS(_ policy: String) -> Bool? {
        if legacy.contains(policy) { return true }
        if modernMarkers.contains(where: policy.contains) { return false }
        if legacyMarkers.contains(where: policy.contains) { return true }
        return nil
    }
}
