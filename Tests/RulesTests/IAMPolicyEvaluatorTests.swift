import Inventory
import XCTest
@testable import Rules

/// The small IAM evaluator `ecs_secret_unreadable` stands on: a table of
/// (policy documents, action, resource) → allowed / denied / unknown.
final class IAMPolicyEvaluatorTests: XCTestCase {
    typealias Decision = IAMPermissions.Decision
    static let secret = "arn:aws:secretsmanager:us-east-1:882816896907:secret:hydrous/jwt-secret-key-Vb2nLs"
    static let get = "secretsmanager:GetSecretValue"

    /// `{"Statement": BODY}`.
    func doc(_ body: String) -> String { #"{"Version":"2012-10-17","Statement":\#(body)}"# }

    func testDecisionTable() {
        let s = Self.secret
        let cases: [(String, [String], String, String, Decision)] = [
            // Action and Resource as strings or arrays; Statement as an object or an array.
            ("one object", [doc(#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"\#(s)"}"#)], Self.get, s, .allowed),
            ("arrays", [doc(#"[{"Effect":"Allow","Action":["kms:Decrypt","secretsmanager:GetSecretValue"],"Resource":["x","\#(s)"]}]"#)], Self.get, s, .allowed),
            ("another secret", [doc(#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"\#(s)x"}"#)], Self.get, s, .denied),
            ("another action", [doc(#"{"Effect":"Allow","Action":"secretsmanager:DescribeSecret","Resource":"*"}"#)], Self.get, s, .denied),
            ("no policy at all", [], Self.get, s, .denied),
            ("empty statement list", [doc("[]")], Self.get, s, .denied),
            // Wildcards: * and ?, actions case-insensitive, resources case-sensitive.
            ("action *", [doc(#"{"Effect":"Allow","Action":"*","Resource":"*"}"#)], Self.get, s, .allowed),
            ("service:*", [doc(#"{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}"#)], Self.get, s, .allowed),
            ("Get*", [doc(#"{"Effect":"Allow","Action":"secretsmanager:Get*","Resource":"*"}"#)], Self.get, s, .allowed),
            ("action case", [doc(#"{"Effect":"Allow","Action":"SECRETSMANAGER:getsecretVALUE","Resource":"*"}"#)], Self.get, s, .allowed),
            ("? in action", [doc(#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValu?","Resource":"*"}"#)], Self.get, s, .allowed),
            ("? needs one char", [doc(#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue?","Resource":"*"}"#)], Self.get, s, .denied),
            ("prefix *", [doc(#"{"Effect":"Allow","Action":"*","Resource":"arn:aws:secretsmanager:*:*:secret:hydrous/*"}"#)], Self.get, s, .allowed),
            ("six ?", [doc(#"{"Effect":"Allow","Action":"*","Resource":"arn:aws:secretsmanager:us-east-1:882816896907:secret:hydrous/jwt-secret-key-??????"}"#)], Self.get, s, .allowed),
            ("resource case", [doc(#"{"Effect":"Allow","Action":"*","Resource":"arn:aws:secretsmanager:*:*:secret:HYDROUS/*"}"#)], Self.get, s, .denied),
            // Explicit Deny wins, also over AdministratorAccess-like grants in another document.
            ("deny wins", [doc(#"{"Effect":"Allow","Action":"*","Resource":"*"}"#), doc(#"{"Effect":"Deny","Action":"secretsmanager:*","Resource":"*"}"#)], Self.get, s, .denied),
            ("deny elsewhere", [doc(#"[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::*"}]"#)], Self.get, s, .allowed),
            // Conditions: an Allow under one cannot be decided; a Deny under one leaves it open.
            ("allow with condition", [doc(#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}"#)], Self.get, s, .unknown),
            ("deny with condition", [doc(#"[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]"#)], Self.get, s, .unknown),
            ("deny with condition, no allow", [doc(#"{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"x":"y"}}}"#)], Self.get, s, .denied),
            ("empty condition", [doc(#"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{}}"#)], Self.get, s, .allowed),
            // NotAction / NotResource.
            ("NotAction other", [doc(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#)], Self.get, s, .allowed),
            ("NotAction this", [doc(#"{"Effect":"Allow","NotAction":["secretsmanager:*"],"Resource":"*"}"#)], Self.get, s, .denied),
            ("NotResource other", [doc(#"{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::*"}"#)], Self.get, s, .allowed),
            ("NotResource this", [doc(#"{"Effect":"Allow","Action":"*","NotResource":"arn:aws:secretsmanager:*"}"#)], Self.get, s, .denied),
            ("deny NotAction", [doc(#"[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}]"#)], Self.get, s, .denied),
            // Policy variables cannot be resolved.
            ("policy variable", [doc(#"{"Effect":"Allow","Action":"*","Resource":"arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*"}"#)], Self.get, s, .unknown),
            // Malformed documents are unknown, never "grants nothing".
            ("not JSON", ["{\"Statement\": ["], Self.get, s, .unknown),
            ("no Statement", [#"{"Version":"2012-10-17"}"#], Self.get, s, .unknown),
            ("bad Effect", [doc(#"{"Effect":"allow","Action":"*","Resource":"*"}"#)], Self.get, s, .unknown),
            ("Action and NotAction", [doc(#"{"Effect":"Allow","Action":"*","NotAction":"iam:*","Resource":"*"}"#)], Self.get, s, .unknown),
            ("no Resource", [doc(#"{"Effect":"Allow","Action":"*"}"#)], Self.get, s, .unknown),
            ("non-string action", [doc(#"{"Effect":"Allow","Action":[5],"Resource":"*"}"#)], Self.get, s, .unknown),
            ("a Principal", [doc(#"{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}"#)], Self.get, s, .unknown),
            ("malformed next to a deny", ["nope", doc(#"{"Effect":"Deny","Action":"*","Resource":"*"}"#)], Self.get, s, .denied),
            ("malformed next to an allow", ["nope", doc(#"{"Effect":"Allow","Action":"*","Resource":"*"}"#)], Self.get, s, .allowed),
        ]
        for (name, documents, action, resource, expected) in cases {
            XCTAssertEqual(IAMPermissions(texts: documents).decide(action, on: resource), expected, name)
        }
    }

    func testUnknownPoliciesLeaveOnlyAnAnswerTheyCannotChange() {
        let allow = doc(#"{"Effect":"Allow","Action":"*","Resource":"*"}"#)
        let deny = doc(#"{"Effect":"Deny","Action":"*","Resource":"*"}"#)
        XCTAssertEqual(IAMPermissions(texts: [], unknownPolicies: 1).decide(Self.get, on: Self.secret), .unknown)
        XCTAssertEqual(IAMPermissions(texts: [allow], unknownPolicies: 1).decide(Self.get, on: Self.secret), .allowed)
        XCTAssertEqual(IAMPermissions(texts: [deny], unknownPolicies: 1).decide(Self.get, on: Self.secret), .denied)
    }

    func testPartialSecretARNsLeaveTheSuffixOpen() {
        let prefix = "arn:aws:secretsmanager:us-east-1:882816896907:secret:"
        func decide(_ resource: String, _ valueFrom: String) -> Decision? {
            let reference = ECSSecretReference(valueFrom: valueFrom, partition: "aws", region: nil, account: nil)
            let document = doc(#"{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"\#(resource)"}"#)
            return reference.map { IAMPermissions(texts: [document]).decide($0.action, on: $0.resource) }
        }
        XCTAssertEqual(decide(prefix + "app/db-*", prefix + "app/db"), .allowed, "partial ARN, NAME-* grant")
        XCTAssertEqual(decide(prefix + "app/db*", prefix + "app/db"), .allowed)
        XCTAssertEqual(decide(prefix + "app/db-AbCdEf", prefix + "app/db"), .unknown, "which suffix is not known")
        XCTAssertEqual(decide(prefix + "app/db-AbCd", prefix + "app/db"), .denied, "no six-character suffix fits")
        XCTAssertEqual(decide(prefix + "app/other-*", prefix + "app/db"), .denied)
        XCTAssertEqual(decide(prefix + "app/db-AbCdEf", prefix + "app/db-AbCdEf:password::"), .unknown,
                       "a full-looking ARN may be the partial ARN of a secret so named")
        XCTAssertEqual(decide(prefix + "app/db-AbCdEf*", prefix + "app/db-AbCdEf:password:AWSCURRENT:"), .allowed)
        XCTAssertEqual(decide(prefix + "app/db-AbCdEf:password::", prefix + "app/db-AbCdEf:password::"), .denied,
                       "IAM sees the secret's ARN, never the JSON key")
        XCTAssertEqual(decide(prefix + "app/db-ZZZZZZ", prefix + "app/db-AbCdEf"), .denied)
    }

    func testValueFromKinds() {
        let ssm = ECSSecretReference(valueFrom: "/app/token", partition: "aws", region: "eu-west-1", account: "1")
        XCTAssertEqual(ssm?.action, "ssm:GetParameters")
        XCTAssertEqual(ssm?.resource, IAMResourceName("arn:aws:ssm:eu-west-1:1:parameter/app/token"))
        XCTAssertEqual(ECSSecretReference(valueFrom: "token", partition: "aws", region: "eu-west-1", account: "1")?.resource,
                       IAMResourceName("arn:aws:ssm:eu-west-1:1:parameter/token"))
        XCTAssertNil(ECSSecretReference(valueFrom: "token", partition: "aws", region: nil, account: "1"), "Region not known")
        let arn = "arn:aws:ssm:us-east-1:1:parameter/app/token"
        XCTAssertEqual(ECSSecretReference(valueFrom: arn, partition: "aws", region: nil, account: nil)?.resource, IAMResourceName(arn))
        XCTAssertNil(ECSSecretReference(valueFrom: "arn:aws:s3:::bucket/key", partition: "aws", region: nil, account: nil))
        let secret = ECSSecretReference(valueFrom: Self.secret + ":password:AWSPREVIOUS:", partition: "aws", region: nil, account: nil)
        XCTAssertEqual(secret?.display, Self.secret)
        XCTAssertEqual(secret?.action, Self.get)
    }

    func testManagedPoliciesKnownByARN() {
        func decide(_ arns: [String], _ action: String, _ resource: String) -> Decision {
            var role = IAMRole(name: "r", arn: "arn:aws:iam::1:role/r")
            role.attachedPolicyArns = arns
            return IAMPermissions(role: role).decide(action, on: resource)
        }
        let parameter = "arn:aws:ssm:us-east-1:1:parameter/app/token"
        let execution = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        XCTAssertEqual(decide([execution], Self.get, Self.secret), .denied)
        XCTAssertEqual(decide([execution], "ssm:GetParameters", parameter), .denied)
        XCTAssertEqual(decide([execution], "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:1:repository/app"), .allowed)
        XCTAssertEqual(decide(["arn:aws:iam::aws:policy/SecretsManagerReadWrite"], Self.get, Self.secret), .allowed)
        XCTAssertEqual(decide(["arn:aws:iam::aws:policy/SecretsManagerReadWrite"], "ssm:GetParameters", parameter), .denied)
        XCTAssertEqual(decide(["arn:aws:iam::aws:policy/AdministratorAccess"], "ssm:GetParameters", parameter), .allowed)
        XCTAssertEqual(decide(["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"], Self.get, Self.secret), .allowed)
        XCTAssertEqual(decide(["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"], "ssm:GetParameters", parameter), .allowed)
        XCTAssertEqual(decide(["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"], Self.get, Self.secret), .denied)
        XCTAssertEqual(decide([execution, "arn:aws:iam::aws:policy/ReadOnlyAccess"], Self.get, Self.secret), .unknown,
                       "an AWS-managed policy not in the table")
        XCTAssertEqual(decide([execution, "arn:aws:iam::1:policy/AdministratorAccess"], Self.get, Self.secret), .unknown,
                       "a customer managed policy, whatever its name")
        XCTAssertEqual(decide(["arn:aws:iam::aws:policy/service-role/AdministratorAccess"], Self.get, Self.secret), .unknown,
                       "the path is part of the ARN")
    }

    func testInlineNamesWithoutDocumentsAreUnknown() {
        var role = IAMRole(name: "r", arn: "arn:aws:iam::1:role/r")
        role.inlinePolicyNames = ["read", "other"]
        role.inlinePolicies["read"] = doc(#"{"Effect":"Allow","Action":"secretsmanager:DescribeSecret","Resource":"*"}"#)
        XCTAssertEqual(IAMPermissions(role: role).decide(Self.get, on: Self.secret), .unknown)
        role.inlinePolicyNames = ["read"]
        XCTAssertEqual(IAMPermissions(role: role).decide(Self.get, on: Self.secret), .denied)
    }
}
