import Foundation
import Inventory

/// What telling a database password apart needs, worked out once per report:
/// task definitions by `family:revision` and ARN, the values given to
/// `--master-user-password`, and which variable names say "database password".
struct DatabasePasswordContext: Sendable {
    private let definitions: [TaskDefinition]
    /// Positions in `definitions` (not copies of 1,000 task definitions).
    private let byKey: [String: Int]
    let masterPasswords: Set<String>
    private let passwordNames: Set<String>

    init(inventory: Inventory, variables: Set<String>) {
        definitions = inventory.taskDefinitions
        var byKey: [String: Int] = [:]
        byKey.reserveCapacity(2 * definitions.count)
        for (position, definition) in definitions.enumerated() {
            byKey[definition.familyRevision] = byKey[definition.familyRevision] ?? position
            byKey[definition.arn] = byKey[definition.arn] ?? position
        }
        self.byKey = byKey
        masterPasswords = Set(inventory.fileValues.filter { $0.key == "--master-user-password" }.map { CostModel.unquoted($0.value) })
        passwordNames = variables.filter(CostModel.namesDatabasePassword)
    }

    /// The containers of the task definition `resource` names, if any
    /// (not the whole definition: copying one retains each of its fields).
    func containers(for resource: ResourceRef) -> [ContainerDefinition]? {
        (byKey[resource.id] ?? resource.arn.flatMap { byKey[$0] }).map { definitions[$0].containers }
    }

    /// Whether `variable` (one of those given at creation) says "database password".
    func namesPassword(_ variable: String) -> Bool { passwordNames.contains(variable) }
}

extension CostModel {
    /// The fix delta of a plaintext variable that holds an RDS instance's
    /// master password: 0, because the task reads the secret RDS keeps for
    /// the instance (`--manage-master-user-password`) instead of a new one,
    /// and that secret is priced once, on `rds_unmanaged_master_password`
    /// (or exists already). `nil` when the variable is not such a password,
    /// or when which instance it belongs to cannot be told.
    ///
    /// A variable is taken for a master password when its value is one given
    /// to `--master-user-password` in the files read, or when its name says so
    /// (`POSTGRES_PASSWORD`, `DB_PASS`, `PGPASSWORD`, …). The instance is the
    /// one whose endpoint address the task's environment names, else the only
    /// one in the inventory.
    func databasePasswordFix(
        variable: String, resource: ResourceRef, inventory: Inventory, context: DatabasePasswordContext
    ) -> FixCost? {
        let byName = context.namesPassword(variable)
        guard !inventory.dbInstances.isEmpty, byName || !context.masterPasswords.isEmpty,
              let containers = context.containers(for: resource) else { return nil }
        var found: String?
        for container in containers where found == nil {
            found = container.environment.first { $0.name == variable }?.value
        }
        guard let value = found, !value.isEmpty, byName || context.masterPasswords.contains(value) else { return nil }
        let db: DBInstance
        if inventory.dbInstances.count == 1, let only = inventory.dbInstances.first {
            db = only
        } else {
            let named = inventory.dbInstances.filter { db in
                guard let address = db.endpoint?.address, !address.isEmpty else { return false }
                return containers.contains { $0.environment.contains { $0.value?.contains(address) == true } }
            }
            guard named.count == 1, let only = named.first else { return nil }
            db = only
        }
        let which = db.masterUserSecretArn == nil
            ? "the secret RDS will keep for \(db.identifier)'s master password (priced once, on rds_unmanaged_master_password)"
            : "the secret RDS already keeps for \(db.identifier)'s master password"
        return FixCost(monthlyDelta: 0, basis: "0: \(variable) reads \(which) instead of a secret of its own")
    }

    /// Whether a variable name says "database password": a password word and a database word.
    static func namesDatabasePassword(_ name: String) -> Bool {
        let words = Set(name.uppercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        if words.contains("PGPASSWORD") { return true }
        return !words.isDisjoint(with: passwordWords) && !words.isDisjoint(with: databaseWords)
    }

    private static let passwordWords: Set<String> = ["PASSWORD", "PASS", "PASSWD", "PWD"]
    private static let databaseWords: Set<String> = [
        "POSTGRES", "POSTGRESQL", "PG", "DB", "DATABASE", "RDS", "MYSQL", "MARIADB", "AURORA",
    ]

    static func unquoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for quote in ["\"", "'"] where trimmed.count >= 2 && trimmed.hasPrefix(quote) && trimmed.hasSuffix(quote) {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}
