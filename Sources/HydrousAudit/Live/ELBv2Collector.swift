import AWSClient
import Foundation
import Inventory

/// Reads Elastic Load Balancing v2: load balancers with attributes, their
/// listeners (with the rules of HTTP listeners), every target group, and the
/// tags of all three (≤20 ARNs a call).
struct ELBv2Collector: Sendable {
    /// What ELBv2 gave.
    struct Readout: Sendable {
        var loadBalancers: [LoadBalancer] = []
        var listeners: [Listener] = []
        var targetGroups: [TargetGroup] = []
    }

    let calls: LiveCalls

    func read() async -> Readout {
        async let balancerPages = calls.queryPages(
            .elbv2, "DescribeLoadBalancers", [("PageSize", "400")], tokenParam: "Marker", tokenPath: ["NextMarker"])
        async let groupPages = calls.queryPages(
            .elbv2, "DescribeTargetGroups", [("PageSize", "400")], tokenParam: "Marker", tokenPath: ["NextMarker"])
        var out = Readout()
        out.loadBalancers = (await balancerPages ?? []).flatMap {
            calls.items($0.liveItems("LoadBalancers"), of: .elbv2, "DescribeLoadBalancers", list: "LoadBalancers",
                        kind: "load balancer", Self.loadBalancer)
        }
        out.targetGroups = (await groupPages ?? []).flatMap {
            calls.items($0.liveItems("TargetGroups"), of: .elbv2, "DescribeTargetGroups", list: "TargetGroups",
                        kind: "target group", Self.targetGroup)
        }

        let details = await calls.map(out.loadBalancers.map(\.arn)) { arn in
            async let listeners = calls.queryPages(
                .elbv2, "DescribeListeners", [("LoadBalancerArn", arn), ("PageSize", "400")],
                tokenParam: "Marker", tokenPath: ["NextMarker"])
            async let attributes = calls.query(.elbv2, "DescribeLoadBalancerAttributes", [("LoadBalancerArn", arn)])
            let parsed = (await listeners ?? []).flatMap {
                calls.items($0.liveItems("Listeners"), of: .elbv2, "DescribeListeners", list: "Listeners", kind: "listener") {
                    item throws(LiveMissingField) in try Self.listener(item, arn)
                }
            }
            var values: [String: String] = [:]
            for item in await attributes.value?.liveItems("Attributes") ?? [] {
                if let key = item.text("Key") { values[key] = item.text("Value") ?? "" }
            }
            return (parsed, values)
        }
        out.listeners = details.flatMap(\.0)
        for index in out.loadBalancers.indices { out.loadBalancers[index].attributes = details[index].1 }

        // The tags of everything and the rules of HTTP listeners need only the
        // listeners' ARNs: one fan-out for both keeps them off each other's path.
        let arns = out.loadBalancers.map(\.arn) + out.listeners.map(\.arn) + out.targetGroups.map(\.arn)
        let jobs = liveChunks(arns, of: 20).map(FanOut.tags)
            + out.listeners.indices.filter { Self.readsRules(of: out.listeners[$0]) }.map(FanOut.rules)
        let listenerArns = out.listeners.map(\.arn)
        let answers = await calls.map(jobs) { job -> FanOutAnswer in
            switch job {
            case .tags(let batch): return .tags(await tagSets(batch))
            case .rules(let index): return .rules(index, await rules(ofListener: listenerArns[index]))
            }
        }
        var tagPairs: [(String, Tags)] = []
        for answer in answers {
            switch answer {
            case .tags(let pairs): tagPairs += pairs
            case .rules(let index, let rules): out.listeners[index].rules = rules
            }
        }
        let tags = Dictionary(tagPairs, uniquingKeysWith: { first, _ in first })
        for index in out.loadBalancers.indices { out.loadBalancers[index].tags = tags[out.loadBalancers[index].arn] ?? [:] }
        for index in out.listeners.indices { out.listeners[index].tags = tags[out.listeners[index].arn] ?? [:] }
        for index in out.targetGroups.indices { out.targetGroups[index].tags = tags[out.targetGroups[index].arn] ?? [:] }
        return out
    }

    static func loadBalancer(_ item: AWSXMLNode) throws(LiveMissingField) -> LoadBalancer {
        var lb = LoadBalancer(arn: try item.liveRequired("LoadBalancerArn"), name: try item.liveRequired("LoadBalancerName"))
        lb.dnsName = item.liveString("DNSName")
        lb.scheme = item.liveString("Scheme")
        lb.type = item.liveString("Type")
        lb.vpcId = item.liveString("VpcId")
        lb.availabilityZones = item.liveItems("AvailabilityZones").map {
            AvailabilityZone(zoneName: $0.liveString("ZoneName"), subnetId: $0.liveString("SubnetId"))
        }
        lb.securityGroups = item.liveItems("SecurityGroups").map(\.text)
        return lb
    }

    static func listener(_ item: AWSXMLNode, _ loadBalancerArn: String) throws(LiveMissingField) -> Listener {
        var listener = Listener(arn: try item.liveRequired("ListenerArn"), loadBalancerArn: item.liveString("LoadBalancerArn") ?? loadBalancerArn)
        listener.protocol = item.liveString("Protocol")
        listener.port = item.liveInt("Port")
        listener.sslPolicy = item.liveString("SslPolicy")
        listener.certificateArns = item.liveItems("Certificates").compactMap { $0.liveString("CertificateArn") }
        listener.defaultActions = item.liveItems("DefaultActions").map(action)
        return listener
    }

    static func action(_ item: AWSXMLNode) -> ListenerAction {
        var targetGroup = item.liveString("TargetGroupArn")
        if targetGroup == nil, let forward = item.child("ForwardConfig") {
            targetGroup = forward.liveItems("TargetGroups").compactMap { $0.liveString("TargetGroupArn") }.first
        }
        let redirect = item.child("RedirectConfig").map {
            RedirectConfig(protocol: $0.liveString("Protocol"), port: $0.liveString("Port"), statusCode: $0.liveString("StatusCode"))
        }
        return ListenerAction(type: item.liveString("Type") ?? "", targetGroupArn: targetGroup, redirect: redirect)
    }

    static func targetGroup(_ item: AWSXMLNode) throws(LiveMissingField) -> TargetGroup {
        var group = TargetGroup(arn: try item.liveRequired("TargetGroupArn"), name: try item.liveRequired("TargetGroupName"))
        group.protocol = item.liveString("Protocol")
        group.port = item.liveInt("Port")
        group.vpcId = item.liveString("VpcId")
        group.targetType = item.liveString("TargetType")
        group.healthCheckPath = item.liveString("HealthCheckPath")
        group.loadBalancerArns = item.liveItems("LoadBalancerArns").map(\.text)
        return group
    }
}
