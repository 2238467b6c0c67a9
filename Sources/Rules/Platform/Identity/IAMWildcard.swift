import Foundation

/// A three-way answer: yes, no, or cannot tell from what is known.
enum IAMTruth: Sendable, Equatable {
    case yes, no, maybe

    /// Both hold.
    func and(_ other: IAMTruth) -> IAMTruth {
        if self == .no || other == .no { return .no }
        if self == .yes && other == .yes { return .yes }
        return .maybe
    }

    /// Either holds.
    func or(_ other: IAMTruth) -> IAMTruth {
        if self == .yes || other == .yes { return .yes }
        if self == .no && other == .no { return .no }
        return .maybe
    }

    /// The opposite.
    var negated: IAMTruth {
        switch self {
        case .yes: return .no
        case .no: return .yes
        case .maybe: return .maybe
        }
    }

    /// `.yes` for true, `.no` for false.
    init(_ flag: Bool) { self = flag ? .yes : .no }
}

/// A resource ARN a request names, possibly with characters not known: a
/// partial Secrets Manager ARN lacks the `-` and six random characters AWS
/// appends to the secret's name. Several spellings mean "one of these".
struct IAMResourceName: Sendable, Equatable {
    /// One character of a spelling: known, or any of `A-Z a-z 0-9`.
    enum Symbol: Sendable, Equatable {
        case known(Unicode.Scalar)
        case unknownAlphanumeric
    }

    /// The possible spellings; the resource is exactly one of them.
    let spellings: [[Symbol]]

    /// A fully known ARN.
    init(_ arn: String) {
        spellings = [arn.unicodeScalars.map(Symbol.known)]
    }

    /// Any of `spellings`.
    init(spellings: [[Symbol]]) {
        self.spellings = spellings
    }
}

/// IAM's wildcard matching: `*` matches any run of characters (also none,
/// also `:` and `/`), `?` exactly one; everything else matches itself.
/// Actions compare case-insensitively, resources case-sensitively.
enum IAMWildcard {
    /// Whether `pattern` matches the action name `action` (both `service:Name`).
    static func matchesAction(_ pattern: String, _ action: String) -> Bool {
        let subject = action.lowercased().unicodeScalars.map(IAMResourceName.Symbol.known)
        return matches(Array(pattern.lowercased().unicodeScalars), subject, certain: true)
    }

    /// Whether `pattern` matches `resource`: `.yes` for every spelling and every
    /// value of its unknown characters, `.no` for none, else `.maybe`. A pattern
    /// with a policy variable (`${aws:username}`) cannot be resolved: `.maybe`.
    static func matchesResource(_ pattern: String, _ resource: IAMResourceName) -> IAMTruth {
        if pattern == "*" { return .yes }
        if pattern.contains("${") { return .maybe }
        let scalars = Array(pattern.unicodeScalars)
        var result: IAMTruth?
        for spelling in resource.spellings {
            let truth: IAMTruth
            if matches(scalars, spelling, certain: true) {
                truth = .yes
            } else if matches(scalars, spelling, certain: false) {
                truth = .maybe
            } else {
                truth = .no
            }
            // The resource is one spelling of several: the answer holds only when all agree.
            result = result.map { $0 == truth ? truth : .maybe } ?? truth
        }
        return result ?? .maybe
    }

    /// Glob matching by dynamic programming. With `certain`, an unknown
    /// character is matched only by `?` or `*` (so a match holds whatever it
    /// is); without, also by any alphanumeric literal (a match may hold).
    static func matches(_ pattern: [Unicode.Scalar], _ subject: [IAMResourceName.Symbol], certain: Bool) -> Bool {
        // reachable[j]: the pattern's first i elements can match the subject's first j symbols.
        var reachable = [Bool](repeating: false, count: subject.count + 1)
        reachable[0] = true
        for element in pattern {
            var next = [Bool](repeating: false, count: subject.count + 1)
            if element == "*" {
                var any = false
                for j in 0...subject.count {
                    any = any || reachable[j]
                    next[j] = any
                }
            } else {
                for j in 0..<subject.count where reachable[j] && fits(element, subject[j], certain: certain) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[subject.count]
    }

    private static func fits(_ element: Unicode.Scalar, _ symbol: IAMResourceName.Symbol, certain: Bool) -> Bool {
        if element == "?" { return true }
        switch symbol {
        case .known(let scalar): return scalar == element
        case .unknownAlphanumeric:
            return !certain && element.isASCII && (element.properties.isAlphabetic || ("0"..."9").contains(element))
        }
    }
}
