import AWSClient
import Foundation
import Inventory

/// The calls that follow the listeners: tag batches and listener rules.
extension ELBv2Collector {
    /// One call (or paged call) of the fan-out after the listeners are known.
    enum FanOut: Sendable {
        /// `DescribeTags` for ≤20 ARNs.
        case tags([String])
        /// `DescribeRules` for the listener at this index.
        case rules(Int)
    }

    /// What one `FanOut` job gave.
    enum FanOutAnswer: Sendable {
        case tags([(String, Tags)])
        case rules(Int, [ListenerRule])
    }

    /// True for the listeners whose rules are read: HTTP ones only. A rule
    /// can only make a listener serve plain text if the listener speaks plain
    /// HTTP: the rules of HTTPS listeners forward over TLS, and TCP, TLS, UDP
    /// and GENEVE listeners have no rules at all (`DescribeRules` refuses
    /// them). The rules of every HTTP listener are read, whatever its default
    /// action, so a snapshot tells all that the listener serves; HTTPS rules
    /// are not read, which keeps the audit to one call per HTTP listener.
    static func readsRules(of listener: Listener) -> Bool {
        listener.protocol?.uppercased() == "HTTP"
    }

    /// The tags of up to 20 ARNs.
    func tagSets(_ batch: [String]) async -> [(String, Tags)] {
        let answer = await calls.query(.elbv2, "DescribeTags", QueryParameters.list("ResourceArns", batch))
        return calls.items(
            answer.value?.liveItems("TagDescriptions") ?? [], of: .elbv2, "DescribeTags", list: "TagDescriptions",
            kind: "resource's tag set"
        ) { item throws(LiveMissingField) -> (String, Tags) in (try item.liveRequired("ResourceArn"), item.liveTags("Tags")) }
    }

    /// The non-default rules of one listener, in evaluation order. A denied
    /// or failed call is in coverage (the audit is incomplete) and gives none.
    func rules(ofListener arn: String) async -> [ListenerRule] {
        let pages = await calls.queryPages(
            .elbv2, "DescribeRules", [("ListenerArn", arn), ("PageSize", "400")], tokenParam: "Marker", tokenPath: ["NextMarker"])
        let parsed = (pages ?? []).flatMap {
            calls.items($0.liveItems("Rules"), of: .elbv2, "DescribeRules", list: "Rules", kind: "listener rule", Self.rule)
        }
        return parsed.compactMap { $0 }.sorted(by: ListenerRule.evaluationOrder)
    }

    /// A rule, or `nil` for the default rule (`IsDefault`), which mirrors the
    /// listener's default actions already read by `DescribeListeners`.
    static func rule(_ item: AWSXMLNode) throws(LiveMissingField) -> ListenerRule? {
        guard item.liveBool("IsDefault") != true else { return nil }
        let ordered = item.liveItems("Actions").enumerated().sorted {
            ($0.element.liveInt("Order") ?? Int.max, $0.offset) < ($1.element.liveInt("Order") ?? Int.max, $1.offset)
        }
        return ListenerRule(
            arn: try item.liveRequired("RuleArn"), priority: try item.liveRequired("Priority"),
            conditions: item.liveItems("Conditions").map(condition), actions: ordered.map { action($0.element) })
    }

    /// A condition's summary (`ListenerRule.conditionSummary`): the typed
    /// config's values, else the legacy `Values`, then any regex values.
    static func condition(_ item: AWSXMLNode) -> String {
        let field = item.liveString("Field") ?? "?"
        let config = ListenerRule.configMember(forField: field).flatMap { item.child($0) }
        var values = config?.liveItems("Values").map(\.text) ?? []
        if values.isEmpty { values = item.liveItems("Values").map(\.text) }
        values += (config?.liveItems("RegexValues") ?? item.liveItems("RegexValues")).map { "regex \($0.text)" }
        let queryKeys = config?.liveItems("Values").map { $0.liveString("Key") } ?? []
        return ListenerRule.conditionSummary(
            field: field, values: values, headerName: config?.liveString("HttpHeaderName"), queryKeys: queryKeys)
    }
}
