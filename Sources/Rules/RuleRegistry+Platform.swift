import Foundation

extension RuleRegistry {
    /// The network, load balancer, database, cache, registry and log rules
    /// (filled by the platform rules work).
    static var platformRules: [any Rule.Type] { [] }
}
