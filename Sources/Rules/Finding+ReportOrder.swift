import Foundation
import Inventory

extension Finding {
    /// `findings` in report order (`reportOrder`; equal findings keep their
    /// order). Sorts positions by precomputed keys: sorting 13,000 findings
    /// by comparing the structs themselves spent most of its time copying them.
    public static func sortedInReportOrder(_ findings: [Finding]) -> [Finding] {
        if isInReportOrder(findings) { return findings }
        return reportOrderPositions(findings).map { findings[$0] }
    }

    /// Sorts `findings` into report order in place (as `sortedInReportOrder`,
    /// without a second array of 13,000 findings alive at once).
    public static func sortInReportOrder(_ findings: inout [Finding]) {
        if isInReportOrder(findings) { return }
        var order = reportOrderPositions(findings)
        // Apply the permutation cycle by cycle (position i receives the finding
        // at order[i]) with swaps, which move findings without retaining them.
        for start in order.indices where order[start] != start {
            var current = start
            while order[current] != start {
                let next = order[current]
                findings.swapAt(current, next)
                order[current] = current
                current = next
            }
            order[current] = current
        }
    }

    /// `parts`, each already in report order, joined into one list in report
    /// order without sorting it again: each part splits into runs of one
    /// severity and rule id, and the runs go by severity (worst first), then
    /// rule id. The result is what sorting the parts' concatenation gives
    /// (findings that tie on every key are in one run, in their part's
    /// order). `nil` when two runs share severity and rule id (two parts
    /// holding one rule's findings, or canonically equal rule ids): sort then.
    /// The rule engine sorts each rule's findings as the rules run, on every
    /// core, and joins them here: sorting the 13,000 findings of 1,000
    /// services at the end took ~15 ms on one core.
    public static func joinedInReportOrder(_ parts: [[Finding]]) -> [Finding]? {
        var runs: [(severity: Severity, ruleId: String, part: Int, range: Range<Int>)] = []
        for (index, part) in parts.enumerated() {
            part.withUnsafeBufferPointer { part in
                var start = 0
                while start < part.count {
                    let first = part[start].box
                    var end = start + 1
                    while end < part.count, part[end].box.fields.severity == first.fields.severity,
                          part[end].box.fields.ruleId == first.fields.ruleId {
                        end += 1
                    }
                    runs.append((first.fields.severity, first.fields.ruleId, index, start..<end))
                    start = end
                }
            }
        }
        runs.sort { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            if lhs.ruleId != rhs.ruleId { return lhs.ruleId < rhs.ruleId }
            return lhs.part < rhs.part
        }
        for (earlier, later) in zip(runs, runs.dropFirst())
        where earlier.severity == later.severity && earlier.ruleId == later.ruleId {
            return nil
        }
        var joined: [Finding] = []
        joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for run in runs { joined.append(contentsOf: parts[run.part][run.range]) }
        return joined
    }

    /// True when no finding comes before the one ahead of it. Reads the
    /// findings in place: iterating `zip` copied each one (a dozen retains).
    public static func isInReportOrder(_ findings: [Finding]) -> Bool {
        findings.withUnsafeBufferPointer { buffer in
            var index = 1
            while index < buffer.count {
                if reportOrder(buffer[index].box, buffer[index - 1].box) { return false }
                index += 1
            }
            return true
        }
    }

    /// The positions of `findings` in report order, equal findings in their
    /// original order. Rule ids, resource types, ids and location keys become
    /// their ranks among the distinct values first (the four at once), so the
    /// sort compares integers (keys without strings: copying one retains
    /// nothing) and reads a fingerprint only on a tie. Findings are read
    /// through a buffer: indexing the array in closures copied whole findings.
    static func reportOrderPositions(_ findings: [Finding], packing: Bool = true) -> [Int] {
        let columns = Parallel.mapEach(4) { column -> [Int] in
            switch column {
            case 0: ranks(findings.map(\.ruleId))
            case 1: ranks(findings.map(\.resource.type))
            case 2: ranks(findings.map(\.resource.id))
            default: ranks(findings.map { lineKey($0.location) })
            }
        }
        let (rules, types, ids, lines) = (columns[0], columns[1], columns[2], columns[3])
        return findings.withUnsafeBufferPointer { findings in
            // Ranks are below the count: with up to 15 bits each, severity
            // (worst first) and the four ranks pack into one UInt64 that
            // compares as `ReportOrderKey` does.
            let bits = Int.bitWidth - findings.count.leadingZeroBitCount
            if packing, 3 + 4 * bits <= 64 {
                let keys = findings.indices.map { index -> UInt64 in
                    var key = UInt64(Severity.critical.rank - findings[index].severity.rank)
                    key = key << bits | UInt64(rules[index])
                    key = key << bits | UInt64(types[index])
                    key = key << bits | UInt64(ids[index])
                    return key << bits | UInt64(lines[index])
                }
                return sortedPositions(keys, findings)
            }
            let keys = findings.indices.map { index in
                ReportOrderKey(
                    severity: findings[index].severity, rule: rules[index], type: types[index], id: ids[index], line: lines[index]
                )
            }
            return sortedPositions(keys, findings)
        }
    }

    /// Positions sorted by `keys`, then fingerprint, then position.
    private static func sortedPositions<Key: Comparable>(_ keys: [Key], _ findings: UnsafeBufferPointer<Finding>) -> [Int] {
        keys.withUnsafeBufferPointer { keys in
            keys.indices.sorted { lhs, rhs in
                if keys[lhs] != keys[rhs] { return keys[lhs] < keys[rhs] }
                let left = findings[lhs].fingerprint
                let right = findings[rhs].fingerprint
                if left != right { return left < right }
                return lhs < rhs
            }
        }
    }

    /// Each value's rank among the distinct values sorted with `<` (values
    /// `==` to each other share a rank, as `<` and `==` agree on them).
    /// A value equal to the one before it (findings of one rule come
    /// together) takes its slot without hashing.
    static func ranks(_ values: [String]) -> [Int] {
        var slots: [String: Int] = [:]
        var distinct: [String] = []
        var previous: (value: String, slot: Int)?
        let slotOfValue = values.map { value -> Int in
            if let previous, previous.value == value { return previous.slot }
            let slot: Int
            if let known = slots[value] {
                slot = known
            } else {
                slot = distinct.count
                slots[value] = slot
                distinct.append(value)
            }
            previous = (value, slot)
            return slot
        }
        var rankOfSlot = [Int](repeating: 0, count: distinct.count)
        for (rank, slot) in distinct.indices.sorted(by: { distinct[$0] < distinct[$1] }).enumerated() {
            rankOfSlot[slot] = rank
        }
        return slotOfValue.map { rankOfSlot[$0] }
    }
}

/// `Finding.reportOrder` up to the fingerprint, as a value: severity, then
/// the ranks of rule id, resource type, resource id and location key.
struct ReportOrderKey: Comparable {
    let severity: Severity
    let rule: Int
    let type: Int
    let id: Int
    let line: Int

    static func < (lhs: ReportOrderKey, rhs: ReportOrderKey) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        if lhs.type != rhs.type { return lhs.type < rhs.type }
        if lhs.id != rhs.id { return lhs.id < rhs.id }
        return lhs.line < rhs.line
    }
}
