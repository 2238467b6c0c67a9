import Foundation
import XCTest
@testable import HydrousAudit

/// The shell lexer and the AWS CLI command parser.
final class FilesCLIParserTests: XCTestCase {
    private func parse(_ script: String) -> (commands: [AWSCLICommand], problems: [String]) {
        AWSCLIParser.parse(script: script, file: "s.sh")
    }

    func testContinuationsKeepEachTokensLine() throws {
        let (commands, problems) = parse("""
        aws rds create-db-instance \\
            --db-instance-identifier db1 \\
            --master-user-password "pw with space" \\
            --no-publicly-accessible
        """)
        XCTAssertEqual(problems, [])
        let command = try XCTUnwrap(commands.first)
        XCTAssertEqual(commands.count, 1)
        XCTAssertEqual(command.service, "rds")
        XCTAssertEqual(command.operation, "create-db-instance")
        XCTAssertEqual(command.line, 1)
        XCTAssertEqual(command.value("db-instance-identifier"), "db1")
        XCTAssertEqual(command.line("db-instance-identifier"), 2)
        XCTAssertEqual(command.value("master-user-password"), "pw with space")
        XCTAssertEqual(command.line("master-user-password"), 3)
        XCTAssertEqual(command.bool("publicly-accessible"), false)
        XCTAssertEqual(command.line("publicly-accessible"), 4)
        XCTAssertNil(command.bool("multi-az"))
    }

    func testQuotesEqualsBooleansAndMultiValues() throws {
        let (commands, _) = parse("""
        aws --region us-east-1 elbv2 create-load-balancer --name=lb --subnets a b 'c d' --security-groups "sg-1" --storage-encrypted --deletion-protection false
        """)
        let command = try XCTUnwrap(commands.first)
        XCTAssertEqual(command.service, "elbv2", "global options before the service are skipped")
        XCTAssertEqual(command.value("name"), "lb")
        XCTAssertEqual(command.values("subnets"), ["a", "b", "c d"])
        XCTAssertEqual(command.values("security-groups"), ["sg-1"])
        XCTAssertEqual(command.bool("storage-encrypted"), true)
        XCTAssertEqual(command.bool("deletion-protection"), false)
    }

    func testCommentsPipesSubstitutionsAndSeparators() throws {
        let (commands, _) = parse("""
        # aws rds delete-db-instance --db-instance-identifier commented
        aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin host
        TASK_ID=$(aws ecs list-tasks --cluster c --query "taskArns[0]" --output text | awk -F/ '{print $NF}')
        aws logs create-log-group --log-group-name /a && aws logs put-retention-policy --log-group-name /a --retention-in-days 7; echo done
        echo "$(aws iam get-role --role-name r)" > out.json 2>&1
        aws s3 ls # trailing comment --flag
        """)
        XCTAssertEqual(commands.map { "\($0.service) \($0.operation)" }, [
            "ecr get-login-password", "ecs list-tasks", "logs create-log-group", "logs put-retention-policy", "iam get-role", "s3 ls",
        ])
        XCTAssertEqual(commands[1].assignTo, "TASK_ID")
        XCTAssertEqual(commands[1].value("query"), "taskArns[0]")
        XCTAssertEqual(commands[1].line, 3)
        XCTAssertEqual(commands[3].int("retention-in-days"), 7)
        XCTAssertEqual(commands[3].line, 4)
        XCTAssertEqual(commands[5].flags, [], "a comment ends the command")
    }

    func testJSONArgumentSpanningLinesKeepsItsLine() throws {
        let (commands, _) = parse("""
        aws iam create-role --role-name r \\
          --assume-role-policy-document '{
            "Version": "2012-10-17"
          }'
        aws ecs list-clusters
        """)
        let command = try XCTUnwrap(commands.first)
        XCTAssertEqual(command.line("assume-role-policy-document"), 2)
        let json = try LocatedJSON.parse(try XCTUnwrap(command.value("assume-role-policy-document")), file: "s.sh", firstLine: 2)
        XCTAssertEqual(json["Version"]?.line, 3)
        XCTAssertEqual(commands.last?.line, 5, "lines inside quotes are counted")
    }

    func testCommentLinesInsideAContinuedCommand() throws {
        let (commands, _) = parse("""
        aws rds create-db-instance \\
            --db-instance-identifier db1 \\
            # hydrous-audit:ignore rds_public_access reviewed
            --publicly-accessible \\
            --engine postgres
        """)
        XCTAssertEqual(commands.count, 1)
        XCTAssertEqual(commands.first?.bool("publicly-accessible"), true)
        XCTAssertEqual(commands.first?.line("publicly-accessible"), 4)
        XCTAssertEqual(commands.first?.value("engine"), "postgres")
    }

    func testUnderstandsNothingButAWSAndReportsBrokenCommands() {
        let (commands, problems) = parse("""
        docker build -t x .
        aws
        aws rds
        aws help
        echo 'never closed
        """)
        XCTAssertEqual(commands, [])
        XCTAssertEqual(problems, [
            "s.sh:5: a single quote opened here is never closed",
            "s.sh:2: `aws` without a service and an operation was not understood",
            "s.sh:3: `aws rds` without an operation was not understood",
        ])
    }

    func testEnvironmentPrefixAndPathToExecutable() {
        let (commands, _) = parse("AWS_PAGER= /usr/local/bin/aws ecs create-cluster --cluster-name c\nsudo aws ecs create-cluster --cluster-name d\n$ aws ecs create-cluster --cluster-name e")
        XCTAssertEqual(commands.compactMap { $0.value("cluster-name") }, ["c", "d", "e"])
    }
}
