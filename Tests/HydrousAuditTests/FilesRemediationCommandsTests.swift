import Foundation
import XCTest
@testable import HydrousAudit
import Inventory

/// The commands the remediations name, one by one: what each changes, where
/// it points, and what happens when it names something the files do not create.
final class FilesRemediationCommandsTests: XCTestCase {
    let lb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef"
    let awsListener = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/web/0123456789abcdef/aaaaaaaaaaaaaaaa"

    func testModifyListenerChangesWhatIsGivenAndRemembersTheAWSARN() throws {
        let result = try FilesFixtures.shell("""
        aws elbv2 create-listener --load-balancer-arn \(lb) --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=tg
        aws elbv2 modify-listener --listener-arn \(awsListener) --protocol HTTPS --port 443 \\
          --certificates CertificateArn=arn:aws:acm:us-east-1:111122223333:certificate/c
        aws elbv2 create-listener --load-balancer-arn \(lb) --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=tg
        aws elbv2 modify-listener --listener-arn \(awsListener) --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06
        """)
        XCTAssertEqual(result.problems, [], "the AWS ARN still names the first listener once a second exists")
        let https = try XCTUnwrap(result.inventory.listeners.first { $0.port == 443 })
        XCTAssertEqual(https.protocol, "HTTPS")
        XCTAssertEqual(https.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06")
        XCTAssertEqual(https.certificateArns.count, 1)
        XCTAssertEqual(https.defaultActions.first?.type, "forward", "actions not given stay")
        XCTAssertEqual(https.location(of: "sslPolicy")?.line, 5)
        XCTAssertEqual(https.location(of: "port")?.line, 2)
        XCTAssertEqual(https.location()?.line, 1, "the listener is still where it was created")
        XCTAssertEqual(result.inventory.listeners.compactMap(\.port).sorted(), [80, 443], "the second create-listener is another listener")
    }

    func testModifyListenerBackToHTTPDropsTheTLSPolicy() throws {
        let result = try FilesFixtures.shell("""
        L=$(aws elbv2 create-listener --load-balancer-arn \(lb) --protocol HTTPS --port 443 --certificates CertificateArn=c \\
          --default-actions Type=forward,TargetGroupArn=tg --query 'Listeners[0].ListenerArn' --output text)
        aws elbv2 modify-listener --listener-arn "$L" --protocol HTTP --port 80
        """)
        let listener = try XCTUnwrap(result.inventory.listeners.first)
        XCTAssertEqual(listener.protocol, "HTTP")
        XCTAssertNil(listener.sslPolicy)
        XCTAssertEqual(listener.certificateArns, [])
    }

    func testUnknownReferencesAreProblemsAndCreateNothing() throws {
        let result = try FilesFixtures.shell("""
        aws elbv2 modify-listener --listener-arn \(awsListener) --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06
        aws elbv2 modify-rule --rule-arn arn:aws:elasticloadbalancing:us-east-1:111122223333:listener-rule/app/web/0123/aaaa/bbbb \\
          --actions Type=forward,TargetGroupArn=tg
        aws ec2 revoke-security-group-ingress --group-id sg-404 --protocol tcp --port 22 --cidr 0.0.0.0/0
        aws elasticache modify-cache-cluster --cache-cluster-id nope --snapshot-retention-limit 7
        aws elasticache modify-replication-group --replication-group-id nope --transit-encryption-enabled
        aws ecr put-image-tag-mutability --repository-name nope --image-tag-mutability IMMUTABLE
        aws ecr put-image-scanning-configuration --repository-name nope --image-scanning-configuration scanOnPush=true
        aws iam detach-role-policy --role-name nope --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
        aws rds modify-db-instance --db-instance-identifier nope --multi-az --apply-immediately
        aws elbv2 modify-load-balancer-attributes --load-balancer-arn \(lb) --attributes Key=deletion_protection.enabled,Value=true
        aws ecs update-cluster-settings --cluster nope --settings name=containerInsights,value=enabled
        """)
        let lines = result.problems.map { $0.split(separator: ":").dropFirst().first.map(String.init) ?? "" }
        XCTAssertEqual(lines, ["1", "2", "4", "5", "6", "7", "8", "9", "10", "11", "12"], result.problems.joined(separator: "\n"))
        XCTAssertTrue(result.problems.allSatisfy { $0.contains("not checked") }, result.problems.joined(separator: "\n"))
        let inventory = result.inventory
        XCTAssertTrue(inventory.listeners.isEmpty && inventory.cacheClusters.isEmpty && inventory.repositories.isEmpty
            && inventory.roles.isEmpty && inventory.securityGroups.isEmpty && inventory.dbInstances.isEmpty
            && inventory.loadBalancers.isEmpty && inventory.clusters.isEmpty, "nothing is made up")
    }

    func testRevokeRemovesExactlyTheSourcesNamedAndRenumbersLocations() throws {
        let result = try FilesFixtures.shell("""
        aws ec2 create-security-group --group-name db --description db
        aws ec2 authorize-security-group-ingress --group-id db --protocol tcp --port 5432 --cidr 0.0.0.0/0
        aws ec2 authorize-security-group-ingress --group-id db --ip-permissions \\
          'IpProtocol=tcp,FromPort=6379,ToPort=6379,IpRanges=[{CidrIp=0.0.0.0/0},{CidrIp=10.0.0.0/16}]'
        aws ec2 authorize-security-group-ingress --group-id db --protocol tcp --port 5432 --source-group app
        aws ec2 revoke-security-group-ingress --group-id db --protocol tcp --port 5432 --cidr 0.0.0.0/0
        aws ec2 revoke-security-group-ingress --group-id db --ip-permissions \\
          '[{"IpProtocol": "6", "FromPort": 6379, "ToPort": 6379, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]'
        aws ec2 revoke-security-group-ingress --group-id db --protocol tcp --port 5432 --cidr 0.0.0.0/0
        """)
        XCTAssertEqual(result.problems.count, 1, "revoking it twice: \(result.problems)")
        XCTAssertTrue(result.problems.first?.contains(":9: ") == true, "\(result.problems)")
        let group = try XCTUnwrap(result.inventory.securityGroup("file:sg/db"))
        XCTAssertEqual(group.ingress.map(\.ipv4Ranges), [["10.0.0.0/16"], []])
        XCTAssertEqual(group.ingress.map(\.sourceGroups), [[], ["app"]])
        XCTAssertFalse(group.ingress.contains { $0.isWorldOpen })
        XCTAssertEqual(group.location(of: "ingress.0")?.line, 4, "the surviving rules keep their lines")
        XCTAssertEqual(group.location(of: "ingress.1")?.line, 5)
        XCTAssertNil(group.locations["ingress.2"])
    }

    func testCacheModifiesChangeWhatTheRulesRead() throws {
        let result = try FilesFixtures.shell("""
        aws elasticache create-replication-group --replication-group-id rg --engine redis --num-cache-clusters 2 \\
          --auth-token "$TOKEN" --security-group-ids sg-1
        aws elasticache modify-replication-group --replication-group-id rg --transit-encryption-enabled \\
          --auth-token-update-strategy DELETE --user-group-ids-to-add ug-1 ug-2 --snapshot-retention-limit 3
        aws elasticache modify-replication-group --replication-group-id rg --user-group-ids-to-remove ug-1
        aws elasticache create-cache-cluster --cache-cluster-id c --engine redis
        aws elasticache modify-cache-cluster --cache-cluster-id c --security-group-ids sg-2 sg-3 --auth-token "$T2" \\
          --auth-token-update-strategy ROTATE --apply-immediately
        """)
        XCTAssertEqual(result.problems, [])
        let group = try XCTUnwrap(result.inventory.cacheClusters.first { $0.id == "rg" })
        XCTAssertEqual(group.transitEncryptionEnabled, true)
        XCTAssertEqual(group.authTokenEnabled, false, "DELETE removes the token")
        XCTAssertEqual(group.userGroupIds, ["ug-2"])
        XCTAssertEqual(group.snapshotRetentionLimit, 3)
        XCTAssertEqual(group.location(of: "transitEncryptionEnabled")?.line, 3)
        XCTAssertEqual(group.location(of: "userGroupIds")?.line, 5)
        XCTAssertEqual(group.securityGroups, ["sg-1"], "not given: unchanged")
        let cluster = try XCTUnwrap(result.inventory.cacheClusters.first { $0.id == "c" })
        XCTAssertEqual(cluster.securityGroups, ["sg-2", "sg-3"])
        XCTAssertEqual(cluster.authTokenEnabled, true)
        XCTAssertEqual(cluster.location(of: "securityGroups")?.line, 7)
    }

    func testECRPutsAndDetachRolePolicy() throws {
        let result = try FilesFixtures.shell("""
        aws ecr create-repository --repository-name r
        aws ecr put-image-tag-mutability --repository-name r --image-tag-mutability IMMUTABLE
        aws ecr put-image-scanning-configuration --repository-name r --image-scanning-configuration scanOnPush=true
        aws iam attach-role-policy --role-name task --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
        aws iam detach-role-policy --role-name task --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
        aws iam detach-role-policy --role-name task --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
        """)
        XCTAssertEqual(result.problems.count, 1, "detaching what is no longer attached: \(result.problems)")
        XCTAssertTrue(result.problems.first?.contains(":6: ") == true, "\(result.problems)")
        let repository = try XCTUnwrap(result.inventory.repositories.first)
        XCTAssertEqual(repository.imageTagMutability, "IMMUTABLE")
        XCTAssertEqual(repository.scanOnPush, true)
        XCTAssertEqual(repository.location(of: "imageTagMutability")?.line, 2)
        XCTAssertEqual(repository.location(of: "scanOnPush")?.line, 3)
        let role = try XCTUnwrap(result.inventory.roles.first)
        XCTAssertEqual(role.attachedPolicyArns, [])
        XCTAssertNil(role.locations["attachedPolicyArns.AdministratorAccess"])
    }
}
