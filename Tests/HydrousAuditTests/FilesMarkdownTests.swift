import Foundation
import XCTest
@testable import HydrousAudit
import Inventory

/// Markdown runbooks: code blocks, prose secrets, broken JSON blocks, suppressions.
final class FilesMarkdownTests: XCTestCase {
    func testProseSecretsInSpanishAndEnglish() throws {
        let result = try FilesFixtures.markdown("""
        # Runbook
        - Usuario: admin
        - Contraseña: hydrous_password
        * **Clave**: `s3cr3t-value`
        Password = "hunter22hunter"
        API token: tok_12345678
        Connect with postgres://app:pw-in-url@db.internal:5432/app please
        The password is rotated monthly: see the vault.
        1. Secret:
        """)
        let values = result.inventory.fileValues.map { "\($0.kind.rawValue) \($0.line) \($0.key)=\($0.value)" }
        XCTAssertEqual(values, [
            "prose 3 Contraseña=hydrous_password",
            "prose 4 Clave=s3cr3t-value",
            "prose 5 Password=hunter22hunter",
            "prose 6 API token=tok_12345678",
            "prose 7 connection string=postgres://app:pw-in-url@db.internal:5432/app",
        ])
    }

    func testBlocksByLanguageWithWholeFileLineNumbers() throws {
        let result = try FilesFixtures.markdown("""
        Intro

        ```bash
        aws ecr create-repository --repository-name r1 --image-tag-mutability IMMUTABLE
        ```

        ```
        aws ecs create-cluster --cluster-name c1 --settings name=containerInsights,value=enabled
        ```

        ```python
        aws ecr create-repository --repository-name not-shell
        DB_PASSWORD = "from-python-block"
        ```

          ~~~sh
          aws logs create-log-group --log-group-name /g
          ~~~
        """)
        let inventory = result.inventory
        XCTAssertEqual(inventory.repositories.map(\.name), ["r1"])
        XCTAssertEqual(inventory.repositories.first?.imageTagMutability, "IMMUTABLE")
        XCTAssertEqual(inventory.repositories.first?.location()?.line, 4)
        XCTAssertEqual(inventory.clusters.first?.containerInsights, "enabled")
        XCTAssertEqual(inventory.clusters.first?.location(of: "containerInsights")?.line, 8)
        XCTAssertEqual(inventory.logGroups.first?.location()?.line, 17)
        XCTAssertEqual(inventory.fileValues.map { "\($0.line) \($0.key)" }, ["13 DB_PASSWORD"], "other blocks are read as key=value text")
    }

    func testGarbageJSONBlockIsAProblemWithFileAndLine() throws {
        let result = try FilesFixtures.markdown("""
        Text

        ```json
        {
          "family": "f",
          "containerDefinitions": [
            {"name": "c", "environment": [
        ```

        ```bash
        aws ecr create-repository --repository-name still-read
        ```
        """)
        XCTAssertEqual(result.problems.count, 1)
        XCTAssertTrue(result.problems.first?.hasPrefix("runbook.md:7: JSON block not understood") == true, "\(result.problems)")
        XCTAssertTrue(result.inventory.taskDefinitions.isEmpty)
        XCTAssertEqual(result.inventory.repositories.map(\.name), ["still-read"], "the rest of the file is still read")
    }

    func testDeeplyNestedJSONBlockIsAProblem() throws {
        let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = try FilesFixtures.markdown("```json\n\(nested)\n```\n")
        XCTAssertEqual(result.problems.count, 1)
        XCTAssertTrue(result.problems.first?.hasPrefix("runbook.md:2: JSON block not understood") == true, "\(result.problems)")
    }

    func testUnclosedFenceIsReadToTheEnd() throws {
        let result = try FilesFixtures.markdown("```bash\naws ecr create-repository --repository-name r\n")
        XCTAssertEqual(result.inventory.repositories.map(\.name), ["r"])
        XCTAssertEqual(result.problems, ["runbook.md:1: the code block opened here is never closed; read to the end of the file"])
    }

    func testJSONBlockSecretsOutsideTheEnvironment() throws {
        let result = try FilesFixtures.markdown("""
        ```json
        {
          "family": "f",
          "containerDefinitions": [{
            "name": "c",
            "environment": [{"name": "DB_PASSWORD", "value": "not-a-file-value"}],
            "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:1:secret:x"},
            "dockerLabels": {"apiKey": "label-key-1234", "url": "redis://:p4ss@cache:6379"}
          }]
        }
        ```
        """)
        XCTAssertEqual(result.inventory.fileValues.map { "\($0.kind.rawValue) \($0.line) \($0.key)" }, [
            "json-value 7 credentialsParameter", "json-value 8 apiKey", "json-value 8 url",
        ])
        XCTAssertEqual(result.inventory.taskDefinitions.first?.location(of: LocationKey.environment("c", "DB_PASSWORD"))?.line, 6)
    }
}
