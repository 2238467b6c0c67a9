import Foundation
import Inventory

/// What is known of an IAM identity's permissions: the policy documents
/// read, and how many attached policies could not be read. It decides a
/// request the way IAM evaluates identity policies (an explicit Deny wins,
/// else any Allow allows, else it is denied), answering `unknown` whenever a
/// policy it cannot see, or a condition it cannot evaluate, could change
/// the answer. Resource policies, permissions boundaries and SCPs are not
/// read: they can only make "allowed" wrong, never "denied".
struct IAMPermissions: Sendable {
    /// The answer for one request.
    enum Decision: Sendable, Equatable {
        case allowed, denied, unknown
    }

    /// The documents known, in any order.
    let documents: [IAMPolicyDocument]
    /// How many policies apply whose contents are not known (or not understood).
    let unknownPolicies: Int

    /// Known documents and a count of unknown ones.
    init(documents: [IAMPolicyDocument], unknownPolicies: Int = 0) {
        self.documents = documents
        self.unknownPolicies = unknownPolicies
    }

    /// Parses `texts` (policy JSON); a document that does not parse counts as unknown.
    init(texts: [String], unknownPolicies: Int = 0) {
        let parsed = texts.map { IAMPolicyDocument(json: $0) }
        self.init(documents: parsed.compactMap { $0 }, unknownPolicies: unknownPolicies + parsed.filter { $0 == nil }.count)
    }

    /// A role's inline policies (a name without a document is unknown) and
    /// its attached policies: the AWS-managed ones `IAMManagedPolicies` knows,
    /// every other one unknown.
    init(role: IAMRole) {
        var texts: [String] = []
        var unknown = 0
        for name in role.inlinePolicyNames {
            if let document = role.inlinePolicies[name] { texts.append(document) } else { unknown += 1 }
        }
        // A document stored without its name in the list still is a policy of the role.
        for (name, document) in role.inlinePolicies.sorted(by: { $0.key < $1.key }) where !role.inlinePolicyNames.contains(name) {
            texts.append(document)
        }
        var documents: [IAMPolicyDocument] = []
        for arn in role.attachedPolicyArns {
            if let known = IAMManagedPolicies.document(arn) { documents.append(known) } else { unknown += 1 }
        }
        let inline = IAMPermissions(texts: texts)
        self.init(documents: documents + inline.documents, unknownPolicies: unknown + inline.unknownPolicies)
    }

    /// Whether `action` (`service:Name`) on `resource` is allowed.
    func decide(_ action: String, on resource: IAMResourceName) -> Decision {
        var allow = IAMTruth.no
        var deny = IAMTruth.no
        for statement in documents.lazy.flatMap(\.statements) {
            let applies = statement.applies(to: action, on: resource)
            switch statement.effect {
            case .allow: allow = allow.or(applies)
            case .deny: deny = deny.or(applies)
            }
        }
        // An explicit Deny wins over everything, seen or not; without any Allow it is denied anyway.
        if deny == .yes || (allow == .no && unknownPolicies == 0) { return .denied }
        if deny == .no && allow == .yes { return .allowed }
        return .unknown
    }

    /// `decide` for a plain, fully known ARN.
    func decide(_ action: String, on arn: String) -> Decision {
        decide(action, on: IAMResourceName(arn))
    }
}

/// AWS-managed policies recognised by ARN, with their documents as AWS
/// publishes them. Any other managed policy is unknown.
enum IAMManagedPolicies {
    /// Path after `policy/` → document.
    private static let documents: [String: IAMPolicyDocument] = {
        let texts: [String: String] = [
            "AdministratorAccess": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            "service-role/AmazonECSTaskExecutionRolePolicy": #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","logs:CreateLogStream",
                "logs:PutLogEvents"],"Resource":"*"}]}
                """#,
            "AmazonSSMReadOnlyAccess": #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],"Resource":"*"}]}
                """#,
            "SecretsManagerReadWrite": #"""
                {"Version":"2012-10-17","Statement":[
                {"Sid":"BasePermissions","Effect":"Allow","Action":["secretsmanager:*","cloudformation:CreateChangeSet",
                "cloudformation:DescribeChangeSet","cloudformation:DescribeStackResource","cloudformation:DescribeStacks",
                "cloudformation:ExecuteChangeSet","docdb-elastic:GetCluster","docdb-elastic:ListClusters",
                "ec2:DescribeSecurityGroups","ec2:DescribeSubnets","ec2:DescribeVpcs","kms:DescribeKey","kms:ListAliases",
                "kms:ListKeys","lambda:ListFunctions","rds:DescribeDBClusters","rds:DescribeDBInstances",
                "redshift:DescribeClusters","redshift-serverless:ListWorkgroups","redshift-serverless:GetNamespace",
                "tag:GetResources"],"Resource":"*"},
                {"Sid":"LambdaPermissions","Effect":"Allow","Action":["lambda:AddPermission","lambda:CreateFunction",
                "lambda:GetFunction","lambda:InvokeFunction","lambda:UpdateFunctionConfiguration"],
                "Resource":"arn:aws:lambda:*:*:function:SecretsManager*"},
                {"Sid":"SARPermissions","Effect":"Allow","Action":["serverlessrepo:CreateCloudFormationChangeSet",
                "serverlessrepo:GetApplication"],"Resource":"arn:aws:serverlessrepo:*:*:applications/SecretsManager*"},
                {"Sid":"S3Permissions","Effect":"Allow","Action":["s3:GetObject"],
                "Resource":["arn:aws:s3:::awsserverlessrepo-changesets*","arn:aws:s3:::secrets-manager-rotation-apps-*/*"]}]}
                """#,
        ]
        return texts.compactMapValues { IAMPolicyDocument(json: $0) }
    }()

    /// The document of AWS-managed policy `arn` (`arn:PARTITION:iam::aws:policy/PATH/NAME`), when known.
    static func document(_ arn: String) -> IAMPolicyDocument? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty, parts[4] == "aws",
              parts[5].hasPrefix("policy/") else { return nil }
        return documents[String(parts[5].dropFirst("policy/".count))]
    }
}
