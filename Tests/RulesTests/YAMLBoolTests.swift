import Foundation
import XCTest
import Yams
@testable import Rules

/// `rules/*.yml` are composed without Yams' regular-expression resolver, and
/// `RulesFileReader.bool` reads booleans itself. It must read every scalar as
/// Yams' default resolver with `Node.bool` did; and a run that loads the
/// shipped files compiles no regular expression at all.
final class YAMLBoolTests: XCTestCase {
    static let spellings = [
        "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "fAlse", "yes", "Yes", "YES", "yEs", "no", "No", "NO",
        "nO", "on", "On", "ON", "oN", "off", "Off", "OFF", "oFF", "y", "n", "Y", "N", "1", "0", "-1", "1.0", "0x1", "~",
        "null", "", "truee", "true1", " true", "maybe", "enabled", ".inf", "2026-01-01",
    ]

    /// Each spelling plain, single-quoted, double-quoted, as a block scalar,
    /// explicitly tagged `!!bool`, `!!int` and `!!null`.
    static var documents: [String] {
        spellings.flatMap { word in
            [
                "k: \(word)\n", "k: '\(word)'\n", "k: \"\(word)\"\n", "k: |\n  \(word)\n", "k: >\n  \(word)\n",
                "k: !!bool \(word)\n", "k: !!int \(word)\n", "k: !!null \(word)\n",
            ]
        }
    }

    private func value(_ yaml: String, _ resolver: Resolver) throws -> Node? {
        guard case let .mapping(map)? = try Yams.compose(yaml: yaml, resolver) else { return nil }
        return map.first?.value
    }

    func testReadsAsTheDefaultResolverDid() throws {
        var compared = 0
        for yaml in Self.documents {
            guard let old = try? value(yaml, .default), let new = try value(yaml, .basic) else { continue }
            XCTAssertEqual(RulesFileReader.bool(new), old.bool, yaml.debugDescription)
            // Numbers and null are read from the text alone: unchanged too.
            XCTAssertEqual(new.int, old.int, yaml.debugDescription)
            XCTAssertEqual(new.float.map(String.init(describing:)), old.float.map(String.init(describing:)), yaml.debugDescription)
            XCTAssertEqual(new.null != nil, old.null != nil, yaml.debugDescription)
            XCTAssertEqual(new.string, old.string, yaml.debugDescription)
            compared += 1
        }
        XCTAssertGreaterThan(compared, Self.spellings.count * 6)
    }

    /// `RulesFileReader.bool` alone cannot tell `!!str true` from `true`: a
    /// document holding a tag is composed with the default resolver, so the
    /// tagged text stays text, as it always did.
    func testExplicitStringTagStaysText() throws {
        XCTAssertNil(try value("k: !!str true\n", .default)?.bool)
        XCTAssertEqual(try value("k: !!str true\n", .basic).flatMap(RulesFileReader.bool), true)
        XCTAssertEqual(RulesFileReader.resolver(for: "k: !!str true\n").rules.count, Resolver.default.rules.count)
        XCTAssertTrue(RulesFileReader.resolver(for: "k: true\n").rules.isEmpty)
        for tagged in ["!!str true", "!<tag:yaml.org,2002:str> yes", "!!str off"] {
            XCTAssertThrowsError(try RulesConfiguration.default.adding(
                yaml: "rules:\n  ecs_single_task: { enabled: \(tagged) }\n", file: "rules/x.yml"), tagged) { error in
                XCTAssertTrue("\(error)".contains("expected true or false"), "\(error)")
            }
        }
        // Tagged booleans, and plain ones beside a tag elsewhere, still read.
        let configuration = try RulesConfiguration.default.adding(
            yaml: "rules:\n  ecs_single_task: { enabled: !!bool false }\n  elb_access_logs_off: { enabled: no }\n"
                + "waivers: []  # a comment with a !\n",
            file: "rules/x.yml")
        XCTAssertFalse(configuration.settings(for: "ecs_single_task").enabled)
        XCTAssertFalse(configuration.settings(for: "elb_access_logs_off").enabled)
    }

    /// The shipped files hold no `!`: they are composed without the regular expressions.
    func testShippedFilesUseTheBasicResolver() throws {
        let folder = URL(fileURLWithPath: RulesConfigurationTests.rulesFolder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(RulesFileReader.resolver(for: text).rules.isEmpty, file)
        }
    }

    func testEnabledAndParametersStillRead() throws {
        var configuration = try RulesConfiguration.default.adding(
            yaml: "rules:\n  ecs_single_task: { enabled: No, min_tasks: 3 }\n",
            file: "rules/x.yml")
        XCTAssertFalse(configuration.settings(for: "ecs_single_task").enabled)
        XCTAssertEqual(configuration.settings(for: "ecs_single_task").parameters["min_tasks"], .number(3))
        XCTAssertThrowsError(try RulesConfiguration.default.adding(
            yaml: "rules:\n  elb_access_logs_off: { enabled: 'true' }\n", file: "rules/x.yml"))
        configuration = try RulesConfiguration.default.adding(
            yaml: "rules:\n  elb_access_logs_off: { enabled: OFF }\n", file: "rules/x.yml")
        XCTAssertFalse(configuration.settings(for: "elb_access_logs_off").enabled)
    }

    /// The built-in value shapes skip validation (`ValueShape.validate`):
    /// each must compile, and the shipped `secrets.yml` must repeat them exactly.
    func testBuiltInShapesCompile() throws {
        for shape in SecretPatterns.default.valueShapes {
            XCTAssertNoThrow(try NSRegularExpression(pattern: shape.pattern), shape.name)
        }
        XCTAssertEqual(ValueShape.builtInPatterns.count, SecretPatterns.default.valueShapes.count)
        let shipped = try RulesConfiguration.load(directory: RulesConfigurationTests.rulesFolder)
        XCTAssertEqual(Set(shipped.secrets.valueShapes.map(\.pattern)), ValueShape.builtInPatterns)
    }

    /// A changed pattern is still compiled to be checked, and still rejected when broken.
    func testChangedShapesAreStillValidated() {
        XCTAssertNoThrow(try ValueShape.validate(#"\bmy-token-[0-9a-f]{8}\b"#))
        XCTAssertThrowsError(try ValueShape.validate(#"\bmy-token-[0-9a-f"#))
    }

    /// Signal names are trimmed of `_` and `-` without Foundation when their
    /// edges need no trim: the same names as Foundation's trim gives.
    func testTrimUnderscoresMatchesFoundation() {
        let names = [
            "PASSWORD", "_PASSWORD", "PASSWORD_", "-api-key-", "__", "_", "", "contraseña", "_contraseña_", "é_", "_é",
            "a\u{301}_", "K\u{212A}", "-\u{2010}-", "api_key",
        ]
        for name in names {
            XCTAssertEqual(
                RulesFileReader.trimUnderscores(name), name.trimmingCharacters(in: CharacterSet(charactersIn: "_-")).uppercased(),
                name.debugDescription)
        }
    }
}
