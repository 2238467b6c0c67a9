import Foundation
import Inventory
@testable import Pricing
import XCTest

/// A plaintext variable that holds an RDS master password: moving it costs
/// nothing, because the task reads the secret RDS keeps for the instance,
/// priced once on `rds_unmanaged_master_password`. Counting $0.40 for both
/// findings counted one secret twice.
final class DatabasePasswordFixTests: XCTestCase {
    private func delta(_ inventory: Inventory, _ variable: String?) throws -> FixCost? {
        try Fixtures.model().fixDelta(
            ruleId: "ecs_plaintext_secret_env", resource: inventory.taskDefinitions[0].ref, inventory: inventory, variable: variable)
    }

    func testTheGuidesDatabasePasswordReadsTheRDSManagedSecret() throws {
        let inventory = Fixtures.guideInventory()
        let postgres = try XCTUnwrap(try delta(inventory, "POSTGRES_PASSWORD"))
        XCTAssertEqual(postgres.monthlyDelta, 0)
        XCTAssertEqual(postgres.basis, "0: POSTGRES_PASSWORD reads the secret RDS will keep for hydrous-db's master password "
            + "(priced once, on rds_unmanaged_master_password) instead of a secret of its own")
        XCTAssertEqual(try delta(inventory, "JWT_SECRET_KEY")?.monthlyDelta, 0.40)
        XCTAssertEqual(try delta(inventory, nil)?.monthlyDelta, 0.40, "without the variable nothing can be told")
        let model = try Fixtures.model()
        let ref = inventory.taskDefinitions[0].ref
        let all = model.fixDeltas(
            [("ecs_plaintext_secret_env", ref, "POSTGRES_PASSWORD"), ("ecs_plaintext_secret_env", ref, "JWT_SECRET_KEY"),
             ("rds_unmanaged_master_password", inventory.dbInstances[0].ref, nil)],
            inventory: inventory)
        XCTAssertEqual(Money.sum(all.compactMap { $0?.monthlyDelta }), 0.80, "two secrets, not three")
    }

    func testAnAlreadyManagedPasswordIsNamedAsSuch() throws {
        var inventory = Fixtures.guideInventory()
        inventory.dbInstances[0].masterUserSecretArn = "arn:aws:secretsmanager:us-east-1:1:secret:rds!db-1"
        XCTAssertEqual(try delta(inventory, "POSTGRES_PASSWORD")?.basis,
                       "0: POSTGRES_PASSWORD reads the secret RDS already keeps for hydrous-db's master password instead of a secret of its own")
    }

    func testAValueGivenToMasterUserPasswordCountsWhateverTheName() throws {
        var inventory = Fixtures.guideInventory()
        inventory.taskDefinitions[0].containers[0].environment.append(NameValue(name: "APP_CREDENTIAL", value: "s3cr3t-Value"))
        XCTAssertEqual(try delta(inventory, "APP_CREDENTIAL")?.monthlyDelta, 0.40)
        inventory.fileValues = [FileValue(file: "docs/deploy.md", line: 87, key: "--master-user-password", value: "\"s3cr3t-Value\"", kind: .cliArgument)]
        XCTAssertEqual(try delta(inventory, "APP_CREDENTIAL")?.monthlyDelta, 0)
    }

    func testWhichInstanceComesFromTheEndpointTheTaskNamesOrStaysUnknown() throws {
        var inventory = Fixtures.guideInventory()
        var other = DBInstance(identifier: "reporting-db")
        other.endpoint = Endpoint(address: "reporting-db.abc.us-east-1.rds.amazonaws.com", port: 5432)
        inventory.dbInstances[0].endpoint = Endpoint(address: "hydrous-db.abc.us-east-1.rds.amazonaws.com", port: 5432)
        inventory.dbInstances.append(other)
        XCTAssertEqual(try delta(inventory, "POSTGRES_PASSWORD")?.monthlyDelta, 0.40, "two instances, none named: a secret of its own")
        inventory.taskDefinitions[0].containers[0].environment.append(
            NameValue(name: "POSTGRES_SERVER", value: "reporting-db.abc.us-east-1.rds.amazonaws.com"))
        XCTAssertTrue(try delta(inventory, "POSTGRES_PASSWORD")?.basis.contains("reporting-db's master password") == true)
        inventory.dbInstances = []
        XCTAssertEqual(try delta(inventory, "POSTGRES_PASSWORD")?.monthlyDelta, 0.40, "no database at all")
    }

    func testNamesThatSayDatabasePassword() {
        for name in ["POSTGRES_PASSWORD", "DB_PASS", "PGPASSWORD", "MYSQL_ROOT_PASSWORD", "database-pwd", "RDS_MASTER_PASSWD"] {
            XCTAssertTrue(CostModel.namesDatabasePassword(name), name)
        }
        for name in ["REDIS_PASSWORD", "JWT_SECRET_KEY", "PASSWORD", "DB_HOST", "DATABASE_URL", "SMTP_PASS"] {
            XCTAssertFalse(CostModel.namesDatabasePassword(name), name)
        }
    }
}
