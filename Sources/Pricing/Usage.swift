import Foundation

/// The usage figures a price alone cannot give (LCUs, GB ingested, GB out):
/// Infracost-style, read from a YAML file (`--usage FILE`), each with a
/// documented default. See `pricing/usage.example.yml`.
public struct Usage: Sendable, Equatable {
    /// One usage key of the file.
    public enum Key: String, CaseIterable, Sendable {
        /// Average Application Load Balancer capacity units per hour, per load balancer.
        case albLCU = "alb.lcu"
        /// GB ingested into each CloudWatch Logs group per month.
        case logsIngested = "logs.ingested_gb_per_month"
        /// GB sent to the internet per month (the first 100 GB are free).
        case dataTransferOut = "data_transfer.out_gb_per_month"
        /// GB processed by NAT gateways per month, split evenly between them.
        case natProcessed = "nat.processed_gb_per_month"
        /// Secrets Manager API calls per month, all secrets together.
        case secretsCalls = "secretsmanager.api_calls_per_month"
        /// GB of RDS backup storage per instance; only priced when given.
        case rdsBackup = "rds.backup_gb"

        /// The value used when the file does not give one; `nil` when the
        /// item is not priced at all without a figure.
        public var defaultValue: Double? {
            switch self {
            case .albLCU: return 1
            case .logsIngested: return 0.5
            case .dataTransferOut: return 0
            case .natProcessed: return 0
            case .secretsCalls: return 0
            case .rdsBackup: return nil
            }
        }
    }

    /// The key of the per-log-group override map.
    public static let logGroupOverridesKey = "logs.ingested_gb_per_month_by_group"

    /// A usage figure and where it came from.
    public struct Figure: Sendable, Equatable {
        /// The figure.
        public var value: Double
        /// `default; usage file key alb.lcu` or the usage file's path.
        public var origin: String
    }

    /// The usage file as the user named it; `nil` when only defaults apply.
    public var file: String?
    /// Values the file gives, by key.
    public var values: [Key: Double]
    /// GB ingested per month by log group name, overriding `logs.ingested_gb_per_month`.
    public var logGroupIngestion: [String: Double]

    /// Usage with every default and no file.
    public init(values: [Key: Double] = [:], logGroupIngestion: [String: Double] = [:], file: String? = nil) {
        self.values = values
        self.logGroupIngestion = logGroupIngestion
        self.file = file
    }

    /// The documented defaults.
    public static let defaults = Usage()

    /// The figure for `key`: the file's, else the default; `nil` when neither.
    public func figure(_ key: Key) -> Figure? {
        if let value = values[key] {
            return Figure(value: value, origin: file ?? "usage")
        }
        guard let value = key.defaultValue else { return nil }
        return Figure(value: value, origin: "default; usage file key \(key.rawValue)")
    }

    /// GB ingested per month into log group `name`.
    public func logIngestion(group name: String) -> Figure {
        if let value = logGroupIngestion[name] {
            return Figure(value: value, origin: file ?? "usage")
        }
        return figure(.logsIngested) ?? Figure(value: 0, origin: "default")
    }
}
