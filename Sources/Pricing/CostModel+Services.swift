import Foundation
import Inventory

extension CostModel {
    /// CloudWatch Logs: ingestion (usage) and storage (`storedBytes`) per log group.
    func logLines(_ inventory: Inventory) -> [CostLine] {
        inventory.logGroups.sorted { $0.name < $1.name }.flatMap { group -> [CostLine] in
            func subject(_ item: String) -> Subject {
                Subject(component: "logs", resource: group.name, item: item, guideRow: nil, label: CostLabel.logs)
            }
            let ingested = usage.logIngestion(group: group.name)
            let what = usage.logGroupIngestion[group.name] == nil ? "CloudWatch Logs" : "CloudWatch Logs \(group.name)"
            let unit = usage.logGroupIngestion[group.name] == nil ? "GB ingested per month per log group" : "GB ingested per month"
            let ingestion = line(
                subject("ingestion \(Money.format(ingested.value)) GB"), key: PriceKey.logsIngestion,
                quantity: ingested.value, quantityText: "\(Money.format(ingested.value)) GB", hourly: false,
                assumptions: [Self.assumption(what, ingested, unit)])
            var notes: [String] = []
            if group.storedBytes == nil { notes.append("CloudWatch Logs \(group.name): stored bytes not known; 0 GB assumed") }
            let stored = Self.gigabytes(group.storedBytes ?? 0)
            let storage = line(
                subject("storage \(Money.format(stored, maxDecimals: 3)) GB"), key: PriceKey.logsStorage, quantity: stored,
                quantityText: "\(Money.format(stored, maxDecimals: 3)) GB", hourly: false, assumptions: notes)
            return [ingestion, storage]
        }
    }

    /// ECR: image storage per repository.
    func ecrLines(_ inventory: Inventory) -> [CostLine] {
        inventory.repositories.sorted { $0.name < $1.name }.map { repository in
            let stored = Self.gigabytes(repository.storedBytes)
            let subject = Subject(
                component: "ecr", resource: repository.name,
                item: "image storage \(Money.format(stored, maxDecimals: 3)) GB (\(Self.count(repository.images.count, "image")))",
                guideRow: nil, label: CostLabel.ecr)
            return line(subject, key: PriceKey.ecrStorage, quantity: stored, quantityText: "\(Money.format(stored, maxDecimals: 3)) GB", hourly: false)
        }
    }

    /// Secrets Manager: one line per distinct secret (task definition
    /// `secrets` that point at Secrets Manager, RDS-managed master passwords),
    /// plus the API calls.
    func secretLines(_ inventory: Inventory) -> [CostLine] {
        let arns = Self.secretARNs(inventory)
        guard !arns.isEmpty else { return [] }
        func subject(_ resource: String, _ item: String) -> Subject {
            Subject(component: "secretsmanager", resource: resource, item: item, guideRow: nil, label: CostLabel.secrets)
        }
        var lines = arns.map { arn in
            line(subject(Self.secretName(arn), "secret"), key: PriceKey.secret, quantityText: "1 secret", hourly: false)
        }
        if let calls = usage.figure(.secretsCalls) {
            lines.append(line(
                subject("all secrets", "API calls"), key: PriceKey.secretCalls, quantity: calls.value / 10_000,
                quantityText: "\(Money.format(calls.value)) calls / 10k", hourly: false,
                assumptions: [Self.assumption("Secrets Manager", calls, "API calls per month")]))
        }
        return lines
    }

    /// Distinct Secrets Manager secret ARNs the inventory references, sorted.
    static func secretARNs(_ inventory: Inventory) -> [String] {
        var arns = Set<String>()
        for definition in inventory.taskDefinitions {
            for secret in definition.containers.flatMap(\.secrets) where secret.valueFrom.contains(":secretsmanager:") {
                arns.insert(secretARN(secret.valueFrom))
            }
        }
        for db in inventory.dbInstances {
            if let arn = db.masterUserSecretArn { arns.insert(secretARN(arn)) }
        }
        return arns.sorted()
    }

    /// The secret's own ARN, without a `:json-key:stage:version` suffix.
    static func secretARN(_ valueFrom: String) -> String {
        let parts = valueFrom.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 7 ? parts.prefix(7).joined(separator: ":") : valueFrom
    }

    /// The secret's name (the last ARN field, random suffix included).
    static func secretName(_ arn: String) -> String {
        arn.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? arn
    }
}
