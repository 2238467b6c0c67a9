import Pricing
import XCTest

/// The guide's cost table, Spanish and English, and YAML budgets.
final class BudgetParsingTests: XCTestCase {
    static let guidePath = Fixtures.packageRoot.appendingPathComponent("../shared/guide/aws-deployment-guide.md").standardized.path

    func testRealSpanishGuideGivesTheDefaultBudget() throws {
        guard FileManager.default.fileExists(atPath: Self.guidePath) else {
            return XCTFail("the Spanish guide is missing at \(Self.guidePath)")
        }
        let markdown = try String(contentsOfFile: Self.guidePath, encoding: .utf8)
        let budget = try Budget.parseGuide(markdown: markdown, file: "aws-deployment-guide.md")
        XCTAssertEqual(budget, Budget.guideDefault)
        XCTAssertEqual(budget.rows.map(\.guideRow), [
            "RDS PostgreSQL", "ElastiCache Redis", "ECS Fargate", "Application Load Balancer", "Data transfer and others",
        ])
        XCTAssertEqual(budget.rows.last?.text, "Variable")
    }

    func testEnglishGuideWithDashesSpacesSingleValuesAndBoldTotal() throws {
        let markdown = """
        # Deploying

        | Variable | Value |
        |---|---|
        | DEBUG | False |

        ```
        | Service | Estimated cost |
        |---|---|
        | fake | $1 |
        ```

        ## Estimated costs

        | Service | Instance type | Estimated cost (USD/month) |
        |:--------|:-------------:|---------------------------:|
        | Amazon RDS (PostgreSQL) | db.t3.micro | $20 - $25 |
        | ElastiCache Redis | cache.t3.micro | $12–13 |
        | ECS Fargate | 256 CPU, 512 MB | $20 |
        | Application Load Balancer | - | ~$20/month |
        | Data transfer and others | - | Variable |
        | Public IPv4 addresses | - | - |
        | **Total** | | **$65-100** |

        After the table.
        """
        let budget = try Budget.parseGuide(markdown: markdown, file: "guide-en.md")
        let rows = budget.rows.map { "\($0.guideRow ?? "nil")|\($0.label)|\($0.min.map { "\($0)" } ?? "-")|\($0.max.map { "\($0)" } ?? "-")" }
        XCTAssertEqual(rows, [
            "RDS PostgreSQL|RDS PostgreSQL|20.0|25.0",
            "ElastiCache Redis|ElastiCache Redis|12.0|13.0",
            "ECS Fargate|ECS Fargate|20.0|20.0",
            "Application Load Balancer|Application Load Balancer|20.0|20.0",
            "Data transfer and others|Data transfer and others|-|-",
            "nil|Public IPv4 addresses|-|-",
        ])
        XCTAssertEqual(budget.totalMin, 65)
        XCTAssertEqual(budget.totalMax, 100)
        XCTAssertEqual(budget.rows[0].text, "$20 - $25")
    }

    func testFigures() {
        XCTAssertTrue(Budget.parseFigure("$15-25")! == (15, 25))
        XCTAssertTrue(Budget.parseFigure("$12–13")! == (12, 13))
        XCTAssertTrue(Budget.parseFigure("$20 - $25")! == (20, 25))
        XCTAssertTrue(Budget.parseFigure("**$65-100**")! == (65, 100))
        XCTAssertTrue(Budget.parseFigure("$1,200")! == (1200, 1200))
        XCTAssertTrue(Budget.parseFigure("12,5")! == (12.5, 12.5))
        XCTAssertTrue(Budget.parseFigure("Variable")! == (nil, nil))
        XCTAssertTrue(Budget.parseFigure("-")! == (nil, nil))
        XCTAssertNil(Budget.parseFigure("$abc"))
        XCTAssertNil(Budget.parseFigure("$30-20"))
    }

    func testRowNamesMapToGuideRows() {
        XCTAssertEqual(Budget.guideRow(forName: "Transferencia de datos y otros"), "Data transfer and others")
        XCTAssertEqual(Budget.guideRow(forName: "Base de datos (RDS)"), "RDS PostgreSQL")
        XCTAssertEqual(Budget.guideRow(forName: "Caché Redis"), "ElastiCache Redis")
        XCTAssertEqual(Budget.guideRow(forName: "Contenedores ECS"), "ECS Fargate")
        XCTAssertEqual(Budget.guideRow(forName: "Balanceador de carga (ALB)"), "Application Load Balancer")
        XCTAssertNil(Budget.guideRow(forName: "Public IPv4 addresses"))
        XCTAssertNil(Budget.guideRow(forName: "CloudWatch Logs"))
    }

    func testNoTableNamesFileAndHeadingLine() {
        let markdown = "# Guide\n\nText.\n\n## Costos Estimados\n\nAlrededor de $70 al mes.\n"
        XCTAssertThrowsError(try Budget.parseGuide(markdown: markdown, file: "docs/guide.md")) { error in
            XCTAssertEqual(error as? PricingError, .noCostTable(file: "docs/guide.md", line: 5))
            XCTAssertTrue(error.localizedDescription.hasPrefix("docs/guide.md:5: no cost table found"), error.localizedDescription)
        }
        XCTAssertThrowsError(try Budget.parseGuide(markdown: "nothing here", file: "x.md")) { error in
            XCTAssertEqual(error as? PricingError, .noCostTable(file: "x.md", line: nil))
        }
    }

    func testUnreadableFigureNamesItsLine() {
        let markdown = "| Service | Cost |\n|---|---|\n| RDS | $15-25 |\n| ALB | lots |\n"
        XCTAssertThrowsError(try Budget.parseGuide(markdown: markdown, file: "g.md")) { error in
            XCTAssertEqual(error as? PricingError, .unreadableCostFigure(file: "g.md", line: 4, text: "lots"))
        }
    }

    func testYAMLBudgetExampleFile() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("pricing/budget.example.yml").path
        let budget = try Budget.loadYAML(path: path)
        XCTAssertEqual(budget.rows.count, 6)
        XCTAssertEqual(budget.rows[2], BudgetRow(guideRow: "ECS Fargate", label: "ECS Fargate", min: 8, max: 30, text: "$8-30"))
        XCTAssertEqual(budget.rows[5], BudgetRow(guideRow: nil, label: "Public IPv4 addresses", min: 0, max: 12, text: "$0-12"))
        XCTAssertEqual(budget.totalMax, 110)
        let report = try Fixtures.model().report(for: Fixtures.guideInventory(), budget: budget)
        XCTAssertEqual(report.rows.map(\.status), [.within, .within, .within, .within, .variable, .within])
        XCTAssertEqual(report.totalStatus, .within)
    }

    func testMalformedYAMLBudgetsNameFileAndLine() {
        let cases: [(String, Int?, String)] = [
            ("rows:\n  - row: RDS\n    cost: lots\n", 3, "cannot read the cost 'lots'"),
            ("rows:\n  - row: RDS\n    cost: 20\n    colour: red\n", 4, "unknown key 'colour'"),
            ("rows:\n  - row: RDS\n    min: 5\n", 2, "`min` needs a `max`"),
            ("rows:\n  - cost: 20\n", 2, "each row needs `row: NAME`"),
            ("budget: 1\n", 1, "unknown key 'budget'"),
            ("rows: [\n", nil, "not valid YAML"),
        ]
        for (yaml, line, message) in cases {
            XCTAssertThrowsError(try Budget.parseYAML(yaml, file: "b.yml"), yaml) { error in
                let text = error.localizedDescription
                XCTAssertTrue(text.hasPrefix(line.map { "b.yml:\($0):" } ?? "b.yml:"), text)
                XCTAssertTrue(text.contains(message), text)
            }
        }
    }
}

private func == (lhs: (min: Double?, max: Double?), rhs: (Double?, Double?)) -> Bool {
    lhs.min == rhs.0 && lhs.max == rhs.1
}
