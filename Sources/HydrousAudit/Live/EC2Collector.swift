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
        out.securityGroups = (await groups).flatMap { $0.liveItems("securityGroupInfo") }.compactMap(Self.securityGroup)
        out.subnets = (await subnets).flatMap { $0.liveItems("subnetSet") }.compactMap(Self.subnet)
        out.vpcs = (await vpcs).flatMap { $0.liveItems("vpcSet") }.compactMap { item -> VPC? in
            guard let id = item.liveString("vpcId") else { return nil }
            var vpc = VPC(id: id)
            vpc.cidrBlock = item.liveString("cidrBlock")
            vpc.isDefault = item.liveBool("isDefault")
            vpc.tags = item.liveTags("tagSet")
            return vpc
        }
        out.natGateways = (await nats).flatMap { $0.liveItems("natGatewaySet") }.compactMap { item -> NATGateway? in
            guard let id = item.liveString("natGatewayId") else { return nil }
            var nat = NATGateway(id: id)
            nat.subnetId = item.liveString("subnetId")
            nat.vpcId = item.liveString("vpcId")
            nat.state = item.liveString("state")
            nat.tags = item.liveTags("tagSet")
            return nat
        }
        out.vpcEndpoints = (await endpoints).flatMap { $0.liveItems("vpcEndpointSet") }.compactMap { item -> VPCEndpoint? in
            guard let id = item.liveString("vpcEndpointId") else { return nil }
            var endpoint = VPCEndpoint(id: id)
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
            return (answer.value?.liveItems("networkInterfaceSet") ?? []).compactMap { item -> (String, String?, String?)? in
                guard let id = item.liveString("networkInterfaceId") else { return nil }
                return (id, item.liveString("privateIpAddress"), item.child("association")?.liveString("publicIp"))
            }
        }
        var result: [String: (privateIP: String?, publicIP: String?)] = [:]
        for (id, privateIP, publicIP) in batches.flatMap({ $0 }) { result[id] = (privateIP, publicIP) }
        return result
    }

    private func pages(_ operation: String, max: Int) async -> [AWSXMLNode] {
        await calls.queryPages(.ec2, operation, [("MaxResults", String(max))], tokenParam: "NextToken", tokenPath: ["nextToken"]) ?? []
    }

    static func securityGroup(_ item: AWSXMLNode) -> SecurityGroup? {
        guard let id = item.liveString("groupId") else { return nil }
        var group = SecurityGroup(id: id, name: item.liveString("groupName"))
        group.description = item.liveString("groupDescription")
        group.vpcId = item.liveString("vpcId")
        group.ingress = item.liveItems("ipPermissions").map(permission)
        group.egress = item.liveItems("ipPermissionsEgress").map(permission)
        group.tags = item.liveTags("tagSet")
        return group
    }

    static func permission(_ item: AWSXMLNode) -> IPPermission {
        IPPermission(
            ipProtocol: item.liveString("ipProtocol") ?? "-1",
            fromPort: item.liveInt("fromPort"), toPort: item.liveInt("toPort"),
            ipv4Ranges: item.liveItems("ipRanges").compactMap { $0.liveString("cidrIp") },
            ipv6Ranges: item.liveItems("ipv6Ranges").compactMap { $0.liveString("cidrIpv6") },
            sourceGroups: item.liveItems("groups").compactMap { $0.liveString("groupId") })
    }

    static func subnet(_ item: AWSXMLNode) -> Subnet? {
        guard let id = item.liveString("subnetId") else { return nil }
        var subnet = Subnet(id: id)
        subnet.vpcId = item.liveString("vpcId")
        subnet.availabilityZone = item.liveString("availabilityZone")
        subnet.cidrBlock = item.liveString("cidrBlock")
        subnet.mapPublicIpOnLaunch = item.liveBool("mapPublicIpOnLaunch")
        subnet.tags = item.liveTags("tagSet")
        return subnet
    }
}
