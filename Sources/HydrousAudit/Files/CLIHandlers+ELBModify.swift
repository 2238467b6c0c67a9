import Foundation
import Inventory

/// Elastic Load Balancing v2 changes to what the files created: `modify-listener`
/// and `modify-rule`, the commands `elb_http_only_listener` and
/// `elb_weak_tls_policy` tell users to run.
extension FileInventoryBuilder {
    /// `modify-listener`: protocol, port, TLS policy, certificates and default
    /// actions of a listener the files created, each only when given. A
    /// listener that cannot be told is a problem, and nothing changes.
    mutating func modifyListener(_ c: AWSCLICommand) -> String? {
        guard let reference = required("listener-arn", of: c) else { return nil }
        guard let index = resolveListener(reference) else {
            problem(c.line, "`aws elbv2 modify-listener` changes \(reference), which no `aws elbv2 create-listener` in the files "
                + "creates (or which cannot be told apart from another listener of the same load balancer): the change was not checked")
            return nil
        }
        var listener = inventory.listeners[index]
        if let value = c.value("protocol") { listener.protocol = value }
        if let value = c.int("port") { listener.port = value }
        let secure = ["HTTPS", "TLS"].contains(listener.protocol?.uppercased() ?? "")
        if let value = c.value("ssl-policy") {
            listener.sslPolicy = value
        } else if secure, listener.sslPolicy == nil {
            listener.sslPolicy = Self.defaultSSLPolicy
        } else if !secure, c.value("protocol") != nil {
            // Moving to HTTP or TCP leaves no TLS policy nor certificate.
            listener.sslPolicy = nil
            listener.certificateArns = []
        }
        if c.flag("certificates") != nil {
            let certificates = structured(c, "certificates").compactMap { $0["CertificateArn"]?.string }
            if !certificates.isEmpty { listener.certificateArns = certificates }
        }
        if c.flag("default-actions") != nil {
            let actions = structured(c, "default-actions").map(Self.action)
            if !actions.isEmpty { listener.defaultActions = actions }
        }
        var changed = locations(c, [
            "protocol": "protocol", "port": "port", "ssl-policy": "sslPolicy", "certificates": "certificateArns",
            "default-actions": "defaultActions",
        ])
        changed.removeValue(forKey: LocationKey.resource)
        listener.locations.merge(changed) { $1 }
        renameForPort(&listener)
        inventory.listeners[index] = listener
        return listener.arn
    }

    /// A listener the files named by load balancer and port takes the name of
    /// its new port (so a later `create-listener` on the old port is another
    /// listener); what named it before follows. A name already taken stays put.
    private mutating func renameForPort(_ listener: inout Listener) {
        let renamed = Self.syntheticARN("elbv2/listener", "\(Self.elbName(listener.loadBalancerArn))/\(listener.port.map(String.init) ?? "default")")
        let old = listener.arn
        guard old.hasPrefix("file:"), renamed != old, !inventory.listeners.contains(where: { $0.arn == renamed }) else { return }
        listener.arn = renamed
        for (alias, target) in elbAliases where target == old { elbAliases[alias] = renamed }
        elbAliases[old] = renamed
    }

    /// `modify-rule`: new actions and/or conditions for a rule `create-rule`
    /// made (by the ARN the script captured, or an AWS rule ARN whose load
    /// balancer has exactly one rule in the files). Its priority stays.
    mutating func modifyRule(_ c: AWSCLICommand) -> String? {
        guard let reference = required("rule-arn", of: c) else { return nil }
        guard let (listenerIndex, ruleIndex) = resolveRule(reference) else {
            problem(c.line, "`aws elbv2 modify-rule` changes \(reference), which no `aws elbv2 create-rule` in the files creates "
                + "(or which cannot be told apart from another rule of the same load balancer): the change was not checked")
            return nil
        }
        var rule = inventory.listeners[listenerIndex].rules[ruleIndex]
        if c.flag("actions") != nil {
            let actions = structured(c, "actions").map(Self.action)
            if !actions.isEmpty { rule.actions = actions }
        }
        if c.flag("conditions") != nil {
            let conditions = structured(c, "conditions").map(Self.condition)
            if !conditions.isEmpty { rule.conditions = conditions }
        }
        inventory.listeners[listenerIndex].rules[ruleIndex] = rule
        inventory.listeners[listenerIndex].locations["rules.\(rule.priority)"] = location(c.line("actions") ?? c.line("conditions") ?? c.line)
        return rule.arn
    }

    /// `listenerIndex`, remembering an AWS ARN it resolved so later commands
    /// naming the same ARN find the same listener.
    private mutating func resolveListener(_ reference: String) -> Int? {
        guard let index = listenerIndex(reference) else { return nil }
        if reference != inventory.listeners[index].arn { elbAliases[reference] = inventory.listeners[index].arn }
        return index
    }

    /// The listener and rule `reference` names: a rule ARN from the files, an
    /// AWS ARN already resolved, or an AWS rule ARN whose load balancer has
    /// exactly one rule in the files (remembered for later commands).
    private mutating func resolveRule(_ reference: String) -> (Int, Int)? {
        let known = elbAliases[reference] ?? reference
        for (l, listener) in inventory.listeners.enumerated() {
            if let r = listener.rules.firstIndex(where: { $0.arn == known }) { return (l, r) }
        }
        guard reference.hasPrefix("arn:"), reference.contains(":listener-rule/") else { return nil }
        let balancer = Self.elbName(reference)
        let candidates = inventory.listeners.indices
            .filter { Self.elbName(inventory.listeners[$0].loadBalancerArn) == balancer }
            .flatMap { l in inventory.listeners[l].rules.indices.map { (l, $0) } }
        guard candidates.count == 1 else { return nil }
        elbAliases[reference] = inventory.listeners[candidates[0].0].rules[candidates[0].1].arn
        return candidates[0]
    }
}
