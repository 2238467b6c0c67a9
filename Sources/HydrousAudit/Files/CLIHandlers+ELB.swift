import Foundation
import Inventory

/// Elastic Load Balancing v2: load balancers, target groups, listeners.
extension FileInventoryBuilder {
    /// Attributes AWS gives a new application load balancer.
    static let defaultALBAttributes: [String: String] = [
        "deletion_protection.enabled": "false",
        "access_logs.s3.enabled": "false",
        "routing.http.drop_invalid_header_fields.enabled": "false",
    ]

    /// The default TLS policy of an HTTPS listener created without `--ssl-policy`.
    static let defaultSSLPolicy = "ELBSecurityPolicy-2016-08"

    /// The name inside an ELB ARN (`loadbalancer/app/NAME/id`, `targetgroup/NAME/id`; the load balancer's
    /// name in `listener/app/NAME/id/id` and `listener-rule/app/NAME/id/id/id`), or the reference itself.
    static func elbName(_ reference: String) -> String {
        guard reference.hasPrefix("arn:") else { return arnSuffix(reference) }
        let parts = reference.split(separator: "/").map(String.init)
        if reference.contains(":loadbalancer/"), parts.count >= 3 { return parts[2] }
        if reference.contains(":targetgroup/"), parts.count >= 2 { return parts[1] }
        if reference.contains(":listener/") || reference.contains(":listener-rule/"), parts.count >= 3 { return parts[2] }
        return arnSuffix(reference)
    }

    mutating func createLoadBalancer(_ c: AWSCLICommand) -> String? {
        guard let name = required("name", of: c) else { return nil }
        var balancer = LoadBalancer(arn: Self.syntheticARN("elbv2/loadbalancer", name), name: name)
        balancer.scheme = c.value("scheme") ?? "internet-facing"
        balancer.type = c.value("type") ?? "application"
        var subnets = c.values("subnets")
        subnets += structured(c, "subnet-mappings").compactMap { $0["SubnetId"]?.string }
        balancer.availabilityZones = subnets.map { AvailabilityZone(zoneName: nil, subnetId: $0) }
        balancer.securityGroups = c.values("security-groups").map(resolveGroup)
        if balancer.type == "application" { balancer.attributes = Self.defaultALBAttributes }
        balancer.tags = tags(c)
        balancer.locations = locations(c, [
            "scheme": "scheme", "type": "type", "subnets": "availabilityZones", "subnet-mappings": "availabilityZones",
            "security-groups": "securityGroups",
        ])
        inventory.loadBalancers.removeAll { $0.name == name }
        inventory.loadBalancers.append(balancer)
        return balancer.arn
    }

    mutating func modifyLoadBalancerAttributes(_ c: AWSCLICommand) -> String? {
        guard let reference = required("load-balancer-arn", of: c) else { return nil }
        guard let index = inventory.loadBalancers.firstIndex(where: { $0.arn == reference || $0.name == Self.elbName(reference) }) else {
            notCreated(c, reference, by: "`aws elbv2 create-load-balancer`")
            return nil
        }
        for item in structured(c, "attributes") {
            guard let key = item["Key"]?.string else { continue }
            inventory.loadBalancers[index].attributes[key] = item["Value"]?.string ?? ""
            inventory.loadBalancers[index].locations["attributes.\(key)"] = location(item.line)
        }
        return nil
    }

    mutating func createTargetGroup(_ c: AWSCLICommand) -> String? {
        guard let name = required("name", of: c) else { return nil }
        var group = TargetGroup(arn: Self.syntheticARN("elbv2/targetgroup", name), name: name)
        group.protocol = c.value("protocol")
        group.port = c.int("port")
        group.vpcId = c.value("vpc-id")
        group.targetType = c.value("target-type") ?? "instance"
        group.healthCheckPath = c.value("health-check-path")
        group.tags = tags(c)
        group.locations = locations(c, [
            "protocol": "protocol", "port": "port", "target-type": "targetType", "health-check-path": "healthCheckPath",
        ])
        inventory.targetGroups.removeAll { $0.name == name }
        inventory.targetGroups.append(group)
        return group.arn
    }

    mutating func createListener(_ c: AWSCLICommand) -> String? {
        guard let balancerRef = required("load-balancer-arn", of: c) else { return nil }
        let port = c.int("port")
        let arn = Self.syntheticARN("elbv2/listener", "\(Self.elbName(balancerRef))/\(port.map(String.init) ?? "default")")
        var listener = Listener(arn: arn, loadBalancerArn: balancerRef)
        listener.protocol = c.value("protocol")
        listener.port = port
        listener.sslPolicy = c.value("ssl-policy")
        if listener.sslPolicy == nil, ["HTTPS", "TLS"].contains(listener.protocol?.uppercased() ?? "") {
            listener.sslPolicy = Self.defaultSSLPolicy
        }
        listener.certificateArns = structured(c, "certificates").compactMap { $0["CertificateArn"]?.string }
        listener.defaultActions = structured(c, "default-actions").map(Self.action)
        listener.tags = tags(c)
        listener.locations = locations(c, [
            "protocol": "protocol", "port": "port", "ssl-policy": "sslPolicy", "certificates": "certificateArns",
            "default-actions": "defaultActions",
        ])
        inventory.listeners.removeAll { $0.arn == arn }
        inventory.listeners.append(listener)
        return arn
    }

    /// `create-rule`: a rule on a listener the files created. The listener is
    /// the one whose ARN the script captured, else, for an AWS ARN written out
    /// (`listener/app/NAME/…`), the only listener the files give load balancer
    /// NAME; a rule whose listener cannot be told is a problem, not a guess.
    mutating func createRule(_ c: AWSCLICommand) -> String? {
        guard let reference = required("listener-arn", of: c) else { return nil }
        guard let index = listenerIndex(reference) else {
            problem(c.line, "`aws elbv2 create-rule` adds a rule to \(reference), which no `aws elbv2 create-listener` in the files "
                + "creates (or which cannot be told apart from another listener of the same load balancer): the rule was not checked")
            return nil
        }
        let priority = c.value("priority") ?? "?"
        let listener = inventory.listeners[index]
        let name = "\(Self.elbName(listener.loadBalancerArn))/\(listener.port.map(String.init) ?? "default")/\(priority)"
        let rule = ListenerRule(
            arn: Self.syntheticARN("elbv2/listener-rule", name), priority: priority,
            conditions: structured(c, "conditions").map(Self.condition), actions: structured(c, "actions").map(Self.action))
        inventory.listeners[index].rules.removeAll { $0.priority == priority }
        inventory.listeners[index].rules.append(rule)
        inventory.listeners[index].rules.sort(by: ListenerRule.evaluationOrder)
        inventory.listeners[index].locations["rules.\(priority)"] = location(c.line("actions") ?? c.line)
        return rule.arn
    }

    /// The listener `reference` names: its ARN, an AWS ARN a modify command
    /// already resolved, or an AWS listener ARN whose load balancer has exactly
    /// one listener in the files.
    func listenerIndex(_ reference: String) -> Int? {
        let known = elbAliases[reference] ?? reference
        if let exact = inventory.listeners.firstIndex(where: { $0.arn == known }) { return exact }
        guard reference.hasPrefix("arn:"), reference.contains(":listener/") else { return nil }
        let balancer = Self.elbName(reference)
        let candidates = inventory.listeners.indices.filter { Self.elbName(inventory.listeners[$0].loadBalancerArn) == balancer }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// A rule condition's summary (`Field=path-pattern,Values=/api/*`, or the
    /// typed form `PathPatternConfig={Values=[/api/*]}`; JSON alike).
    static func condition(_ item: LocatedJSON) -> String {
        let field = item["Field"]?.string ?? "?"
        let config = ListenerRule.configMember(forField: field).flatMap { item[$0] }
        var values = config?["Values"]?.strings ?? []
        if values.isEmpty { values = item["Values"]?.strings ?? [] }
        values += (config?["RegexValues"] ?? item["RegexValues"])?.strings.map { "regex \($0)" } ?? []
        return ListenerRule.conditionSummary(
            field: field.lowercased(), values: values, headerName: config?["HttpHeaderName"]?.string,
            queryKeys: config?["Values"]?.array?.map { $0["Key"]?.string } ?? [])
    }

    /// A listener action from shorthand or JSON (`Type=forward,TargetGroupArn=…`,
    /// `Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}`).
    static func action(_ item: LocatedJSON) -> ListenerAction {
        var action = ListenerAction(type: item["Type"]?.string ?? "forward", targetGroupArn: item["TargetGroupArn"]?.string)
        if action.targetGroupArn == nil,
           let first = item["ForwardConfig"]?["TargetGroups"]?.array?.first?["TargetGroupArn"]?.string {
            action.targetGroupArn = first
        }
        if let redirect = item["RedirectConfig"] {
            action.redirect = RedirectConfig(
                protocol: redirect["Protocol"]?.string, port: redirect["Port"]?.string, statusCode: redirect["StatusCode"]?.string
            )
        }
        return action
    }
}
