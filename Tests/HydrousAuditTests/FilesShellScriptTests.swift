import Foundation
import XCTest
@testable import HydrousAudit
import Inventory

/// Shell scripts: every supported command, variables, names, file:// arguments.
final class FilesShellScriptTests: XCTestCase {
    func testSecurityGroupsByNameVariablesAndIPPermissions() throws {
        let result = try FilesFixtures.shell("""
        VPC=vpc-1
        DB_SG=$(aws ec2 create-security-group --group-name db-sg --description "db" --vpc-id $VPC --query GroupId --output text)
        aws ec2 create-security-group --group-name app-sg --description app --vpc-id "$VPC"
        aws ec2 authorize-security-group-ingress --group-id "$DB_SG" --protocol tcp --port 5432 --source-group app-sg
        aws ec2 authorize-security-group-ingress --group-name app-sg --ip-permissions IpProtocol=tcp,FromPort=8000,ToPort=8010,IpRanges=[{CidrIp=0.0.0.0/0}]
        aws ec2 authorize-security-group-ingress --group-id ${DB_SG} --ip-permissions '[{"IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379,
          "Ipv6Ranges": [{"CidrIpv6": "::/0"}], "UserIdGroupPairs": [{"GroupId": "sg-9"}]}]'
        aws ec2 authorize-security-group-ingress --group-id sg-7 --protocol all --port -1 --cidr 10.0.0.0/8
        """)
        let inventory = result.inventory
        XCTAssertEqual(result.problems, [])
        let db = try XCTUnwrap(inventory.securityGroup("file:sg/db-sg"))
        XCTAssertEqual(db.vpcId, "vpc-1", "variables expand")
        XCTAssertTrue(db.admits(sourceGroup: "file:sg/app-sg", port: 5432), "names resolve to the synthetic id")
        XCTAssertEqual(db.ingress.count, 2)
        XCTAssertEqual(db.ingress[1].ipv6Ranges, ["::/0"])
        XCTAssertEqual(db.ingress[1].sourceGroups, ["sg-9"])
        XCTAssertEqual(db.location(of: "ingress.0")?.line, 4)
        XCTAssertEqual(db.location(of: "ingress.1")?.line, 6)
        let app = try XCTUnwrap(inventory.securityGroup("file:sg/app-sg"))
        XCTAssertEqual(app.ingress.first.map { [$0.fromPort, $0.toPort] }, [8000, 8010])
        XCTAssertTrue(app.ingress.first?.isWorldOpen == true)
        let other = try XCTUnwrap(inventory.securityGroup("sg-7"))
        XCTAssertEqual(other.ingress.first?.ipProtocol, "-1")
        XCTAssertNil(other.ingress.first?.fromPort)
        XCTAssertEqual(other.location()?.line, 8)
    }

    func testDataStoresWithFlagsAndDefaults() throws {
        let result = try FilesFixtures.shell("""
        aws rds create-db-instance --db-instance-identifier d --storage-encrypted --multi-az --deletion-protection \\
          --manage-master-user-password --storage-type gp3 --allocated-storage 50
        aws rds modify-db-instance --db-instance-identifier d --backup-retention-period 14 --no-multi-az
        aws elasticache create-replication-group --replication-group-id rg --engine valkey --num-cache-clusters 2 \\
          --transit-encryption-enabled --at-rest-encryption-enabled --auth-token "tok-abcdefghijklmnop" --snapshot-retention-limit 5
        aws ecr create-repository --repository-name r --image-scanning-configuration '{"scanOnPush": false}'
        aws ecr put-lifecycle-policy --repository-name r --lifecycle-policy-text file://missing-policy.json
        aws logs put-retention-policy --log-group-name /late --retention-in-days 30
        aws logs create-log-group --log-group-name /late
        """)
        let db = try XCTUnwrap(result.inventory.dbInstances.first)
        XCTAssertEqual(db.storageEncrypted, true)
        XCTAssertEqual(db.multiAZ, false, "modify-db-instance applies in order")
        XCTAssertEqual(db.deletionProtection, true)
        XCTAssertEqual(db.backupRetentionPeriod, 14)
        XCTAssertEqual(db.location(of: "backupRetentionPeriod")?.line, 3)
        XCTAssertEqual(db.storageType, "gp3")
        XCTAssertNotNil(db.masterUserSecretArn)
        XCTAssertNil(db.publiclyAccessible, "AWS's default depends on the VPC: unknown")
        let cache = try XCTUnwrap(result.inventory.cacheClusters.first)
        XCTAssertEqual(cache.id, "rg")
        XCTAssertEqual(cache.replicationGroupId, "rg")
        XCTAssertEqual(cache.numNodes, 2)
        XCTAssertEqual(cache.transitEncryptionEnabled, true)
        XCTAssertEqual(cache.atRestEncryptionEnabled, true)
        XCTAssertEqual(cache.authTokenEnabled, true)
        XCTAssertEqual(cache.snapshotRetentionLimit, 5)
        XCTAssertEqual(result.inventory.fileValues.map { "\($0.line) \($0.key) \($0.value)" }, ["5 --auth-token tok-abcdefghijklmnop"])
        let repo = try XCTUnwrap(result.inventory.repositories.first)
        XCTAssertEqual(repo.scanOnPush, false)
        XCTAssertEqual(repo.hasLifecyclePolicy, true)
        XCTAssertEqual(repo.location(of: "hasLifecyclePolicy")?.line, 7)
        let logs = try XCTUnwrap(result.inventory.logGroups.first)
        XCTAssertEqual(logs.retentionInDays, 30)
        XCTAssertEqual(logs.location()?.line, 9, "the create command declares the group")
        XCTAssertEqual(result.problems.count, 0, "lifecycle policy text is not read: \(result.problems)")
    }

    func testServicesTaskDefinitionsAndListeners() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        let taskDefinition = directory.appendingPathComponent("td.json")
        try """
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "nginx@sha256:abc", "readonlyRootFilesystem": true}
        ]}
        """.write(to: taskDefinition, atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("deploy.sh")
        try """
        aws ecs register-task-definition --cli-input-json file://td.json
        aws ecs register-task-definition --family web --container-definitions '[{"name": "app", "image": "nginx:latest",
          "environment": [{"name": "MODE", "value": "x"}]}]' --cpu 512 --memory 1024 --requires-compatibilities FARGATE
        aws ecs register-task-definition --cli-input-json file://absent.json
        LB=$(aws elbv2 create-load-balancer --name web-lb --scheme internal --type application --subnets s1 s2 s3 --query 'x' --output text)
        TG=$(aws elbv2 create-target-group --name web-tg --protocol HTTP --port 80 --target-type ip --output text)
        aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port 80 \\
          --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
        aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTPS --port 443 \\
          --certificates CertificateArn=arn:aws:acm:us-east-1:1:certificate/c --default-actions Type=forward,TargetGroupArn=$TG
        aws elbv2 modify-load-balancer-attributes --load-balancer-arn $LB --attributes Key=deletion_protection.enabled,Value=true
        aws ecs create-service --cluster arn:aws:ecs:us-east-1:1:cluster/prod --service-name web --task-definition web:1 \\
          --desired-count 1 --network-configuration '{"awsvpcConfiguration": {"subnets": ["s1"], "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}}' \\
          --load-balancers targetGroupArn=$TG,containerName=app,containerPort=80
        aws ecs update-service --cluster arn:aws:ecs:us-east-1:1:cluster/prod --service web --task-definition web:2 --desired-count 3
        aws ecs update-service --cluster other --service brand-new --network-configuration "awsvpcConfiguration={subnets=[s9],assignPublicIp=ENABLED}"
        """.write(to: script, atomically: true, encoding: .utf8)
        let result = try FileSource().read(paths: [script.path])
        let inventory = result.inventory
        XCTAssertEqual(result.problems, ["\(script.path):4: file://absent.json was not found (looked for \(directory.path)/absent.json); its contents were not checked"])

        XCTAssertEqual(inventory.taskDefinitions.map(\.familyRevision), ["web:1", "web:2"], "revisions count registrations")
        let first = try XCTUnwrap(inventory.taskDefinition("web:1"))
        XCTAssertEqual(first.location()?.file, taskDefinition.path, "file:// definitions point into their own file")
        XCTAssertEqual(first.containers.first?.readonlyRootFilesystem, true)
        let second = try XCTUnwrap(inventory.taskDefinition("web:2"))
        XCTAssertEqual(second.cpu, "512")
        XCTAssertEqual(second.requiresCompatibilities, ["FARGATE"])
        XCTAssertEqual(second.location(of: LocationKey.environment("app", "MODE"))?.line, 3)

        let balancer = try XCTUnwrap(inventory.loadBalancers.first)
        XCTAssertEqual(balancer.scheme, "internal")
        XCTAssertEqual(balancer.availabilityZones.count, 3)
        XCTAssertEqual(balancer.attributes["deletion_protection.enabled"], "true")
        let listeners = inventory.listeners(of: balancer.arn)
        XCTAssertEqual(listeners.map(\.port), [80, 443])
        XCTAssertTrue(listeners[0].defaultActions.first?.redirectsToHTTPS == true)
        XCTAssertEqual(listeners[1].sslPolicy, "ELBSecurityPolicy-2016-08", "the AWS default when --ssl-policy is left out")
        XCTAssertEqual(listeners[1].certificateArns, ["arn:aws:acm:us-east-1:1:certificate/c"])
        let group = try XCTUnwrap(inventory.targetGroups.first)
        XCTAssertEqual(listeners[1].defaultActions.first?.targetGroupArn, group.arn, "$TG holds the created group")
        XCTAssertEqual(group.loadBalancerArns, [balancer.arn])

        let web = try XCTUnwrap(inventory.services.first { $0.name == "web" })
        XCTAssertEqual(web.clusterArn, "arn:aws:ecs:us-east-1:1:cluster/prod")
        XCTAssertEqual(web.desiredCount, 3)
        XCTAssertEqual(web.taskDefinition, "web:2")
        XCTAssertEqual(web.location(of: "desiredCount")?.line, 15)
        XCTAssertEqual(web.location()?.line, 12)
        XCTAssertFalse(web.assignsPublicIp)
        XCTAssertEqual(web.location(of: "assignPublicIp")?.line, 13)
        XCTAssertEqual(web.loadBalancers.first?.targetGroupArn, group.arn)
        let updatedOnly = try XCTUnwrap(inventory.services.first { $0.name == "brand-new" })
        XCTAssertTrue(updatedOnly.assignsPublicIp, "an update of a service the files never create still counts")
    }

    func testRolesAndShellSecrets() throws {
        let result = try FilesFixtures.shell("""
        export DB_PASSWORD=plain-text-pw
        DATABASE_URL="postgres://app:urlpw@db:5432/app" ./migrate
        API_KEY=$(aws secretsmanager get-secret-value --secret-id k --query SecretString --output text)
        mysql --host db -u app mysql://root:rootpw@db/x
        aws iam put-role-policy --role-name app-role --policy-name inline --policy-document '{"Statement": [], "Token": "t-123"}'
        aws iam attach-role-policy --role-name app-role --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
        aws secretsmanager create-secret --name s --secret-string "$DB_PASSWORD"
        aws secretsmanager create-secret --name s2 --secret-string literal-secret-value --kms-key-id alias/x
        """)
        let role = try XCTUnwrap(result.inventory.role("app-role"))
        XCTAssertEqual(role.inlinePolicyNames, ["inline"])
        XCTAssertEqual(role.inlinePolicies, ["inline": #"{"Statement":[],"Token":"t-123"}"#])
        XCTAssertEqual(role.attachedPolicyArns, ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
        XCTAssertEqual(result.inventory.fileValues.map { "\($0.kind.rawValue) \($0.line) \($0.key)" }, [
            "shell-assignment 1 DB_PASSWORD",
            "shell-assignment 2 DATABASE_URL",
            "cli-argument 4 argument",
            "json-value 5 Token",
            "cli-argument 7 --secret-string",
            "cli-argument 8 --secret-string",
        ])
    }

    /// `put-role-policy` keeps its document (inline or file://) for the rules
    /// that read what a role may do; one not understood stays unknown.
    func testInlinePolicyDocumentsAndSecretReferenceLines() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        try """
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:1:secret:app/*"}]}
        """.write(to: directory.appendingPathComponent("read-secrets.json"), atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("deploy.sh")
        try """
        aws iam create-role --role-name exec --assume-role-policy-document '{"Version":"2012-10-17","Statement":[]}'
        aws iam put-role-policy --role-name exec --policy-name from-file --policy-document file://read-secrets.json
        aws iam put-role-policy --role-name exec --policy-name inline --policy-document '{"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}'
        aws iam put-role-policy --role-name exec --policy-name broken --policy-document '{"Statement": ['
        aws iam put-role-policy --role-name exec --policy-name absent --policy-document file://absent.json
        aws ecs register-task-definition --family app --execution-role-arn arn:aws:iam::1:role/exec --container-definitions '[
          {"name": "app", "image": "nginx:1.27", "secrets": [
            {"name": "TOKEN",
             "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:app/token-AbCdEf"}]}]'
        """.write(to: script, atomically: true, encoding: .utf8)
        let result = try FileSource().read(paths: [script.path])
        let role = try XCTUnwrap(result.inventory.role("exec"))
        XCTAssertEqual(role.inlinePolicyNames, ["from-file", "inline", "broken", "absent"])
        XCTAssertEqual(role.inlinePolicies["from-file"], #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:1:secret:app/*"}]}"#)
        XCTAssertEqual(role.inlinePolicies["inline"], #"{"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#)
        XCTAssertNil(role.inlinePolicies["broken"], "a document not understood is not known")
        XCTAssertNil(role.inlinePolicies["absent"], "nor one in a file that is not there")
        XCTAssertEqual(result.problems, [], "the documents only inform rules: reading them adds no notice")
        let definition = try XCTUnwrap(result.inventory.taskDefinition("app:1"))
        XCTAssertEqual(definition.location(of: LocationKey.secret("app", "TOKEN"))?.line, 9, "the valueFrom's own line")
    }

    func testUnsupportedAndUnreadableFiles() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        let text = directory.appendingPathComponent("notes.txt")
        try "aws ecr create-repository --repository-name r".write(to: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FileSource().read(paths: [text.path])) { error in
            XCTAssertEqual(error as? FileSourceError, .unsupportedType(file: text.path))
        }
        let script = directory.appendingPathComponent("deploy")
        try "#!/bin/sh\naws ecr create-repository --repository-name r".write(to: script, atomically: true, encoding: .utf8)
        XCTAssertEqual(try FileSource().read(paths: [script.path]).inventory.repositories.count, 1, "a shebang makes a script")
        XCTAssertThrowsError(try FileSource().read(paths: [directory.appendingPathComponent("none.sh").path])) { error in
            XCTAssertTrue(error.localizedDescription.contains("none.sh: cannot read the file"), error.localizedDescription)
        }
    }
}

/// `--cli-input-json` on commands other than `register-task-definition`.
final class FilesCLIInputJSONTests: XCTestCase {
    func testMembersBecomeFlagsAndExplicitFlagsWin() throws {
        let directory = try FilesFixtures.temporaryDirectory(self)
        try """
        {"DBInstanceIdentifier": "from-file", "MultiAZ": true, "StorageEncrypted": true, "VpcSecurityGroupIds": ["sg-1", "sg-2"],
         "MasterUserPassword": "file-pw-123456"}
        """.write(to: directory.appendingPathComponent("db.json"), atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("s.sh")
        try """
        aws rds create-db-instance --cli-input-json file://db.json --no-multi-az
        aws ecs create-service --cli-input-json '{"cluster": "c", "serviceName": "svc", "desiredCount": 2,
          "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["s1"], "assignPublicIp": "ENABLED"}}}'
        """.write(to: script, atomically: true, encoding: .utf8)
        let result = try FileSource().read(paths: [script.path])
        let db = try XCTUnwrap(result.inventory.dbInstances.first)
        XCTAssertEqual(db.identifier, "from-file")
        XCTAssertEqual(db.multiAZ, false, "the command line overrides the JSON")
        XCTAssertEqual(db.storageEncrypted, true)
        XCTAssertEqual(db.vpcSecurityGroups, ["sg-1", "sg-2"])
        XCTAssertEqual(db.location(of: "storageEncrypted")?.line, 1, "values from another file point at the flag")
        XCTAssertEqual(result.inventory.fileValues.map { "\($0.key) \($0.line)" }, ["MasterUserPassword 2"])
        XCTAssertEqual(result.inventory.fileValues.first?.file, directory.appendingPathComponent("db.json").path)
        let service = try XCTUnwrap(result.inventory.services.first)
        XCTAssertEqual(service.name, "svc")
        XCTAssertEqual(service.desiredCount, 2)
        XCTAssertTrue(service.assignsPublicIp)
        XCTAssertEqual(service.location(of: "assignPublicIp")?.line, 3)
        XCTAssertEqual(FileInventoryBuilder.kebabCase("DBInstanceIdentifier"), "db-instance-identifier")
        XCTAssertEqual(FileInventoryBuilder.kebabCase("MultiAZ"), "multi-az")
        XCTAssertEqual(FileInventoryBuilder.kebabCase("desiredCount"), "desired-count")
    }
}
