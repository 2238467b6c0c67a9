import AWSClient
import Foundation
import Inventory

/// Reads EC2 networking: security groups, subnets, VPCs, NAT gateways, VPC
/// endpoints, and (given task ENIs) network interfaces for public IPs.
struct EC2Collector: Sendable {
    /// What EC2 gave.
    struct Readout: Sendable {
        var securityGroups: [SecurityGroup] = []
        var subnets: [Subnet] = []
        var vpcs: [VPC] = []
        var natGateways: [NATGateway] = []
        var vpcEndpoints: [VPCEndpoint] = []
    }

    let calls: LiveCalls

    func read() async -> Readout {
        async let groups = pages("DescribeSecurityGroups", max: 1000)
        async let subnets = pages("DescribeSubnets", max: 1000)
        async let vpcs = pages("DescribeVpcs", max: 1000)
        async let nats = pages("DescribeNatGateways", max: 1000)
        async let endpoints = pages("DescribeVpcEndpoints", max: 1000)
        var out = Readout()
        out.securityGroups = parse(await groups, "DescribeSecurityGroups", list: "securityGroupInfo", kind: "security group",
                                   Self.securityGroup)
        out.subnets = parse(await subnets, "DescribeSubnets", list: "subnetSet", kind: "subnet", Self.subnet)
        out.vpcs = parse(await vpcs, "DescribeVpcs", list: "vpcSet", kind: "VPC") { item throws(LiveMissingField) in
            var vpc = VPC(id: try item.liveRequired("vpcId"))
            vpc.cidrBlock = item.liveString("cidrBlock")
            vpc.isDefault = item.liveBool("isDefault")
            vpc.tags = item.liveTags("tagSet")
            return vpc
        }
        out.natGateways = parse(await nats, "DescribeNatGateways", list: "natGatewaySet", kind: "NAT gateway") {
            item throws(LiveMissingField) in
            var nat = NATGateway(id: try item.liveRequired("natGatewayId"))
            nat.subnetId = item.liveString("subnetId")
            nat.vpcId = item.liveString("vpcId")
            nat.state = item.liveString("state")
            nat.tags = item.liveTags("tagSet")
            return nat
        }
        out.vpcEndpoints = parse(await endpoints, "DescribeVpcEndpoints", list: "vpcEndpointSet", kind: "VPC endpoint") {
            item throws(LiveMissingField) in
            var endpoint = VPCEndpoint(id: try item.liveRequired("vpcEndpointId"))
            endpoint.endpointType = item.liveString("vpcEndpointType")
            endpoint.serviceName = item.liveString("serviceName")
            endpoint.vpcId = item.liveString("vpcId")
            endpoint.subnetIds = item.liveItems("subnetIdSet").map(\.text)
            endpoint.tags = item.liveTags("tagSet")
            return endpoint
        }
        return out
    }

    /// Public and private IPv4 of each network interface id (≤100 ids a call).
    func interfaceAddresses(_ ids: [String]) async -> [String: (privateIP: String?, publicIP: String?)] {
        let batches = await calls.map(liveChunks(liveUnique(ids).sorted(), of: 100)) { batch in
            let answer = await calls.query(.ec2, "DescribeNetworkInterfaces", QueryParameters.list("NetworkInterfaceId", batch, ec2: true))
            return calls.items(
                answer.value?.liveItems("networkInterfaceSet") ?? [], of: .ec2, "DescribeNetworkInterfaces",
                list: "networkInterfaceSet", kind: "network interface"
            ) { item throws(LiveMissingField) -> (String, String?, String?) in
                (try item.liveRequired("networkInterfaceId"), item.liveString("privateIpAddress"),
                 item.child("association")?.liveString("publicIp"))
            }
        }
        var result: [String: (privateIP: String?, publicIP: String?)] = [:]
        for (id, privateIP, publicIP) in batches.flatMap({ $0 }) { result[id] = (privateIP, publicIP) }
        return result
    }

    private func pages(_ operation: String, max: Int) async -> [AWSXMLNode] {
        await calls.queryPages(.ec2, operation, [("MaxResults", String(max))], tokenParam: "NextToken", tokenPath: ["nextToken"]) ?? []
    }

    /// The items of list `list` in every page, each parsed (unreadable ones recorded).
    private func parse<Value>(
        _ pages: [AWSXMLNode], _ operation: String, list: String, kind: String,
        _ parse: (AWSXMLNode) throws(LiveMissingField) -> Value
    ) -> [Value] {
        pages.flatMap { calls.items($0.liveItems(list), of: .ec2, operation, list: list, kind: kind, parse) }
    }

    static func securityGroup(_ item: AWSXMLNode) throws(LiveMissingField) -> SecurityGroup {
        var group = SecurityGroup(id: try item.liveRequired("groupId"), name: item.liveString("groupName"))
        group.description = item.liveString("groupDescription")
        group.vpcId = item.liveString("vpcId")
        group.ingress = try item.liveRequiredItems("ipPermissions", permission)
        group.egress = try item.liveRequiredItems("ipPermissionsEgress", permission)
        group.tags = item.liveTags("tagSet")
        return group
    }

    /// One permission; a missing protocol, CIDR or source group id would make
    /// the rule read wider or narrower than it is, so each is required.
    static func permission(_ item: AWSXMLNode) throws(LiveMissingField) -> IPPermission {
        IPPermission(
            ipProtocol: try item.liveRequired("ipProtocol"),
            fromPort: item.liveInt("fromPort"), toPort: item.liveInt("toPort"),
            ipv4Ranges: try item.liveRequiredItems("ipRanges") { range throws(LiveMissingField) in try range.liveRequired("cidrIp") },
            ipv6Ranges: try item.liveRequiredItems("ipv6Ranges") { range throws(LiveMissingField) in
                try range.liveRequired("cidrIpv6")
            },
            sourceGroups: try item.liveRequiredItems("groups") { pair throws(LiveMissingField) in try pair.liveRequired("groupId") })
    }

    static func subnet(_ item: AWSXMLNode) throws(LiveMissingField) -> Subnet {
        var subnet = Subnet(id: try item.liveRequired("subnetId"))
        subnet.vpcId = item.liveString("vpcId")
        subnet.availabilityZone = item.liveString("availabilityZone")
        subnet.cidrBlock = item.liveString("cidrBlock")
        subnet.mapPublicIpOnLaunch = item.liveBool("mapPublicIpOnLaunch")
        subnet.tags = item.liveTags("tagSet")
        return subnet
    }
}
