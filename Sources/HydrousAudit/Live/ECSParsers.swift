import AWSClient
import Foundation
import Inventory

/// Turns ECS `DescribeClusters`, `DescribeServices` and `DescribeTasks`
/// items into inventory values; an item without the fields that identify it
/// (or link it to its task definition) throws naming the field.
extension ECSCollector {
    static func cluster(_ item: JSONValue) throws(LiveMissingField) -> ECSCluster {
        var cluster = ECSCluster(arn: try item.liveRequired("clusterArn"), name: try item.liveRequired("clusterName"))
        cluster.settings = item.liveNameValues("settings")
        cluster.tags = item.liveTags()
        return cluster
    }

    static func service(_ item: JSONValue, cluster: String) throws(LiveMissingField) -> ECSService {
        var service = ECSService(
            arn: try item.liveRequired("serviceArn"), name: try item.liveRequired("serviceName"),
            clusterArn: item.liveString("clusterArn") ?? cluster)
        // Only a service whose deployments are driven from outside ECS
        // (EXTERNAL controller, task sets) may have no task definition of its own.
        if item["deploymentController"]?.liveString("type") == "EXTERNAL" {
            service.taskDefinition = item.liveString("taskDefinition")
        } else {
            service.taskDefinition = try item.liveRequired("taskDefinition")
        }
        service.desiredCount = item.liveInt("desiredCount")
        service.runningCount = item.liveInt("runningCount")
        service.launchType = item.liveString("launchType")
        service.platformVersion = item.liveString("platformVersion")
        if let vpc = item["networkConfiguration"]?["awsvpcConfiguration"] {
            service.networkConfiguration = AwsVpcConfiguration(
                subnets: vpc.liveStrings("subnets"), securityGroups: vpc.liveStrings("securityGroups"),
                assignPublicIp: vpc.liveString("assignPublicIp"))
        }
        service.loadBalancers = item.liveArray("loadBalancers").map { binding in
            var lb = ServiceLoadBalancer(
                targetGroupArn: binding.liveString("targetGroupArn"), containerName: binding.liveString("containerName"),
                containerPort: binding.liveInt("containerPort"))
            lb.loadBalancerName = binding.liveString("loadBalancerName")
            return lb
        }
        service.tags = item.liveTags()
        return service
    }

    static func task(_ item: JSONValue, cluster: String) throws(LiveMissingField) -> ECSTask {
        var task = ECSTask(arn: try item.liveRequired("taskArn"), clusterArn: item.liveString("clusterArn") ?? cluster)
        task.taskDefinitionArn = try item.liveRequired("taskDefinitionArn")
        task.group = item.liveString("group")
        task.lastStatus = item.liveString("lastStatus")
        task.tags = item.liveTags()
        for attachment in item.liveArray("attachments") where attachment.liveString("type") == "ElasticNetworkInterface" {
            let details = Dictionary(
                attachment.liveNameValues("details").map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
            task.networkInterfaceId = details["networkInterfaceId"]
            task.privateIPv4 = details["privateIPv4Address"]
        }
        return task
    }
}
