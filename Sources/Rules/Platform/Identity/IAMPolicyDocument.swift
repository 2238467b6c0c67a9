import Foundation

/// One statement of an identity policy, as far as deciding an action on a
/// resource goes.
struct IAMStatement: Sendable, Equatable {
    /// `Allow` or `Deny`.
    enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }

    let effect: Effect
    /// `Action` patterns, or `NotAction` patterns when `negatedActions`.
    let actions: [String]
    let negatedActions: Bool
    /// `Resource` patterns, or `NotResource` patterns when `negatedResources`.
    let resources: [String]
    let negatedResources: Bool
    /// A non-empty `Condition` block: whether it holds depends on the request.
    let hasCondition: Bool

    /// Whether the statement applies to `action` on `resource` (`.maybe` under a condition).
    func applies(to action: String, on resource: IAMResourceName) -> IAMTruth {
        let named = actions.contains { IAMWildcard.matchesAction($0, action) }
        guard named != negatedActions else { return .no }
        var listed = IAMTruth.no
        for pattern in resources where listed != .yes {
            listed = listed.or(IAMWildcard.matchesResource(pattern, resource))
        }
        let inScope = negatedResources ? listed.negated : listed
        return hasCondition ? inScope.and(.maybe) : inScope
    }
}

/// An identity policy document (the JSON IAM stores for an inline or
/// managed policy), parsed strictly: anything it does not understand makes
/// the whole document unknown rather than guessed at.
struct IAMPolicyDocument: Sendable, Equatable {
    let statements: [IAMStatement]

    /// Parses `text`; `nil` when it is not a well-formed identity policy
    /// (not JSON, no `Statement`, an unknown `Effect`, `Action` and `NotAction`
    /// both or neither, no `Resource`/`NotResource`, a `Principal`).
    init?(json text: String) {
        guard let data = text.data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let statement = root["Statement"] else { return nil }
        let items: [Any]
        if let list = statement as? [Any] {
            items = list
        } else if let single = statement as? [String: Any] {
            items = [single]
        } else {
            return nil
        }
        var statements: [IAMStatement] = []
        for item in items {
            guard let object = item as? [String: Any], let parsed = Self.statement(object) else { return nil }
            statements.append(parsed)
        }
        self.statements = statements
    }

    private static func statement(_ object: [String: Any]) -> IAMStatement? {
        guard let effectText = object["Effect"] as? String, let effect = IAMStatement.Effect(rawValue: effectText),
              object["Principal"] == nil, object["NotPrincipal"] == nil,
              let (actions, negatedActions) = either(object, "Action", "NotAction"),
              let (resources, negatedResources) = either(object, "Resource", "NotResource") else { return nil }
        var hasCondition = false
        if let condition = object["Condition"], !(condition is NSNull) {
            guard let block = condition as? [String: Any] else { return nil }
            hasCondition = !block.isEmpty
        }
        return IAMStatement(effect: effect, actions: actions, negatedActions: negatedActions,
                            resources: resources, negatedResources: negatedResources, hasCondition: hasCondition)
    }

    /// Exactly one of `key` / `notKey`, as a string or a non-empty array of strings.
    private static func either(_ object: [String: Any], _ key: String, _ notKey: String) -> ([String], Bool)? {
        switch (object[key], object[notKey]) {
        case let (value?, nil): return strings(value).map { ($0, false) }
        case let (nil, value?): return strings(value).map { ($0, true) }
        default: return nil
        }
    }

    private static func strings(_ value: Any) -> [String]? {
        if let text = value as? String { return [text] }
        guard let list = value as? [Any], !list.isEmpty else { return nil }
        let texts = list.compactMap { $0 as? String }
        return texts.count == list.count ? texts : nil
    }
}
