import Foundation

/// One public on-demand price with its unit and where it was read.
public struct Price: Codable, Sendable, Equatable {
    /// USD per `unit`.
    public var usd: Double
    /// What one `usd` buys: `hour`, `GB-month`, `vCPU-hour`, `GB-hour`,
    /// `LCU-hour`, `GB`, `secret-month`, `10k-calls`, `AZ-hour`.
    public var unit: String
    /// The public AWS pricing page (or the API query) the price came from.
    public var source: String
    /// The day the price was read, `YYYY-MM-DD`.
    public var date: String
    /// Anything a reader should know (derived, "as published", ...).
    public var note: String?

    /// Creates a price.
    public init(usd: Double, unit: String, source: String, date: String, note: String? = nil) {
        self.usd = usd
        self.unit = unit
        self.source = source
        self.date = date
        self.note = note
    }

    /// The unit as a basis writes it after the price: `USD/h`, `USD/GB-month`, `USD/vCPU-h`.
    public var perUnit: String {
        let short = unit == "hour" ? "h" : Self.replacing("-hour", with: "-h", in: unit)
        return "USD/" + Self.replacing("10k-calls", with: "10k calls", in: short)
    }

    /// `text` with every `target` replaced (as `replacingOccurrences`, on UTF-8 bytes
    /// when both are ASCII: a basis is written per cost line, and Foundation's
    /// version bridged each one). Other text goes to Foundation, which leaves
    /// an occurrence a combining mark follows (`-hour\u{301}`) alone.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }), target.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.replacingOccurrences(of: target, with: replacement)
        }
        let bytes = Array(text.utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return text }
        var out: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if index + needle.count <= bytes.count, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                index += needle.count
                changed = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }
}

/// A free amount AWS grants before a price applies (100 GB data transfer out,
/// 20 GB Fargate ephemeral storage).
public struct Allowance: Codable, Sendable, Equatable {
    /// How much is free.
    public var amount: Double
    /// In what unit.
    public var unit: String
    /// The public page that states it.
    public var source: String
    /// The day it was read.
    public var date: String
    /// Anything a reader should know.
    public var note: String?

    /// Creates an allowance.
    public init(amount: Double, unit: String, source: String, date: String, note: String? = nil) {
        self.amount = amount
        self.unit = unit
        self.source = source
        self.date = date
        self.note = note
    }
}

/// The price table of one region (`pricing/<region>.json`), keyed by stable
/// strings built by `PriceKey`. Versioned by `formatVersion`.
public struct PriceTable: Codable, Sendable, Equatable {
    /// The format this build reads and writes.
    public static let currentFormatVersion = 1

    /// The table's format version.
    public var formatVersion: Int
    /// The AWS region the prices are for.
    public var region: String
    /// Always `USD`.
    public var currency: String
    /// How many hours AWS bills as a month (730).
    public var hoursPerMonth: Double
    /// Prices by `PriceKey`.
    public var prices: [String: Price]
    /// Free amounts by key (`data-transfer:out`, `fargate:ephemeral-storage`).
    public var allowances: [String: Allowance]

    /// Creates a table.
    public init(
        region: String, hoursPerMonth: Double = 730, prices: [String: Price],
        allowances: [String: Allowance] = [:], currency: String = "USD"
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.region = region
        self.currency = currency
        self.hoursPerMonth = hoursPerMonth
        self.prices = prices
        self.allowances = allowances
    }

    /// The price under `key`, `nil` when the table lacks it.
    public func price(_ key: String) -> Price? { prices[key] }

    /// The free amount under `key`, else `fallback`.
    public func allowance(_ key: String, fallback: Double) -> Double {
        allowances[key]?.amount ?? fallback
    }

    /// The table as the JSON file holds it: sorted keys, pretty-printed,
    /// newline-terminated (deterministic, so refreshed files diff cleanly).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(contentsOf: Array("\n".utf8))
        return data
    }
}

/// The stable keys of the price table, one builder per kind of price.
public enum PriceKey {
    /// `rds:postgres:db.t3.micro:single-az`. `engine` is normalised (`postgres`, `mysql`, ...).
    public static func rdsInstance(engine: String, instanceClass: String, multiAZ: Bool) -> String {
        "rds:\(engine):\(instanceClass):\(multiAZ ? "multi-az" : "single-az")"
    }

    /// `rds:storage:gp2:single-az`.
    public static func rdsStorage(type: String, multiAZ: Bool) -> String {
        "rds:storage:\(type):\(multiAZ ? "multi-az" : "single-az")"
    }

    /// Backup storage beyond the free 100 % of provisioned storage.
    public static let rdsBackup = "rds:backup-storage"

    /// `elasticache:redis:cache.t3.micro`.
    public static func cacheNode(engine: String, nodeType: String) -> String {
        "elasticache:\(engine):\(nodeType)"
    }

    /// `fargate:x86_64:vcpu` / `fargate:arm64:vcpu`.
    public static func fargateVCPU(arm: Bool) -> String { "fargate:\(arm ? "arm64" : "x86_64"):vcpu" }
    /// `fargate:x86_64:memory` / `fargate:arm64:memory`.
    public static func fargateMemory(arm: Bool) -> String { "fargate:\(arm ? "arm64" : "x86_64"):memory" }
    /// Ephemeral storage above the included 20 GB.
    public static let fargateEphemeral = "fargate:ephemeral-storage"

    /// Application Load Balancer hours.
    public static let albHour = "alb:hour"
    /// Application Load Balancer capacity units.
    public static let albLCU = "alb:lcu"
    /// Public IPv4 address hours.
    public static let publicIPv4 = "vpc:public-ipv4"
    /// CloudWatch Logs ingestion per GB.
    public static let logsIngestion = "logs:ingestion"
    /// CloudWatch Logs storage per GB-month.
    public static let logsStorage = "logs:storage"
    /// ECR storage per GB-month.
    public static let ecrStorage = "ecr:storage"
    /// One Secrets Manager secret for a month.
    public static let secret = "secretsmanager:secret"
    /// 10,000 Secrets Manager API calls.
    public static let secretCalls = "secretsmanager:api-calls"
    /// NAT gateway hours.
    public static let natHour = "nat:hour"
    /// NAT gateway data processed per GB.
    public static let natData = "nat:data"
    /// Interface endpoint hours per AZ.
    public static let endpointHour = "vpc-endpoint:interface:hour"
    /// Interface endpoint data processed per GB.
    public static let endpointData = "vpc-endpoint:interface:data"
    /// Data transfer out to the internet per GB.
    public static let dataTransferOut = "data-transfer:out"

    /// Allowance key: free data transfer out per month.
    public static let freeDataTransferOut = "data-transfer:out"
    /// Allowance key: ephemeral storage included per Fargate task.
    public static let includedEphemeral = "fargate:ephemeral-storage"

    /// The engine part of an RDS key: `postgres` for `postgres`/`PostgreSQL`, `mysql`, else as given, lowercased.
    public static func rdsEngine(_ engine: String?) -> String {
        let lower = (engine ?? "postgres").lowercased()
        if lower == "postgresql" { return "postgres" }
        return lower
    }
}
