import Inventory
import XCTest
@testable import Rules
import TestSupport

/// `ecs_unresolved_endpoint` now remembers the matcher's answer per host
/// (`EndpointProblems`): over random host sequences with many repeats it
/// must answer what `EndpointMatcher.problem` answers every time.
final class EndpointProblemsTests: XCTestCase {
    func testRememberedAnswersEqualTheMatchersAnswers() {
        typealias F = ECSFixtures
        var random = SeededRandom(seed: 0xE4D_9017)
        let inventories = [
            F.inventory { _ in },
            F.inventory { inv in
                inv.dbInstances = [F.database()]
                inv.cacheClusters = [F.cache()]
            },
            F.inventory { inv in inv.dbInstances = [F.database(endpoint: nil)] },
        ]
        let labels = ["hydrous-db", "hydrous-redis", "xxxxxxxx", "old-db", "c1a2b3c4d5e6", "ab12cd", "0001", "use1",
                      "us-east-1", "<endpoint>", "Example", "your-db", "HYDROUS-DB", "caf\u{E9}", "cafe\u{301}"]
        let suffixes = [".rds.amazonaws.com", ".cache.amazonaws.com", ".example.com", "", ".RDS.amazonaws.com"]
        for inventory in inventories {
            let matcher = EndpointMatcher(inventory: inventory)
            let placeholders = random.chance(50) ? ECSUnresolvedEndpointRule.defaultPlaceholders : ["xxxx", "café"]
            var problems = EndpointProblems(matcher: matcher, placeholders: placeholders)
            let hosts = (0..<60).map { _ in
                (0..<random.int(in: 1...4)).map { _ in random.pick(labels) }.joined(separator: ".") + random.pick(suffixes)
            }
            for _ in 0..<10_000 {
                let host = random.pick(hosts)
                XCTAssertEqual(problems.problem(with: host), matcher.problem(with: host, placeholders: placeholders), host)
            }
        }
    }
}
