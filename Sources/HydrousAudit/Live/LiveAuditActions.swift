import AWSClient
import Foundation

/// The IAM actions the live audit calls, and nothing else: the source of the
/// least-privilege policy `hydrous-audit iam-policy` prints.
public enum LiveAuditActions {
    /// Every `service:Action` the collectors may call, sorted.
    public static let all: [String] = [
        "ec2:DescribeNatGateways",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcEndpoints",
        "ec2:DescribeVpcs",
        "ecr:DescribeImages",
        "ecr:DescribeRepositories",
        "ecr:GetLifecyclePolicy",
        "ecr:ListTagsForResource",
        "ecs:DescribeClusters",
        "ecs:DescribeServices",
        "ecs:DescribeTaskDefinition",
        "ecs:DescribeTasks",
        "ecs:ListClusters",
        "ecs:ListServices",
        "ecs:ListTaskDefinitionFamilies",
        "ecs:ListTasks",
        "elasticache:DescribeCacheClusters",
        "elasticache:DescribeReplicationGroups",
        "elasticache:ListTagsForResource",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTargetGroups",
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "logs:DescribeLogGroups",
        "rds:DescribeDBInstances",
        "sts:GetCallerIdentity",
    ]

    /// Actions that only run when there is something to read (tasks with
    /// network interfaces, HTTP listeners, roles with inline policies), so an
    /// audit of an empty account may not call them.
    public static let conditional: Set<String> = [
        "ec2:DescribeNetworkInterfaces", "ecs:DescribeTasks", "elasticloadbalancing:DescribeRules", "iam:GetRolePolicy",
    ]

    /// The IAM action name for a call of `operation` on `service`.
    public static func action(_ service: AWSService, _ operation: String) -> String {
        "\(iamPrefix(service)):\(operation)"
    }

    /// The IAM service prefix (`elasticloadbalancing` for ELBv2, `pricing`, ...).
    public static func iamPrefix(_ service: AWSService) -> String {
        service == .elbv2 ? "elasticloadbalancing" : service.rawValue
    }

    /// The identity policy document granting exactly `all` (JSON, stable formatting).
    public static func policyDocument() -> String {
        let actions = all.map { "        \"\($0)\"" }.joined(separator: ",\n")
        return """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "HydrousAuditReadOnly",
              "Effect": "Allow",
              "Action": [
        \(actions)
              ],
              "Resource": "*"
            }
          ]
        }

        """
    }
}
