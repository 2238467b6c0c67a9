import Foundation
import XCTest
@testable import Rules
import TestSupport

/// `secrets.value_shapes` entries as `name: 'regex'` or
/// `name: {pattern: 'regex', keywords: [...]}`; keywords gate the regex
/// (ASCII case ignored), and every built-in shape's keywords are implied by
/// its regex, so gating never loses a match.
final class ValueShapeKeywordsTests: XCTestCase {
    func load(_ yaml: String) throws -> RulesConfiguration {
        try RulesConfiguration.default.adding(yaml: yaml, file: "rules/shapes.yml")
    }

    func testBothFormsParse() throws {
        let config = try load("""
            secrets:
              value_shapes:
                plain: 'tok_[0-9]{4}'
                flow: {pattern: 'TOK_[A-Z]{4}', keywords: [tok_, Zz]}
                block:
                  keywords: [blk]
                  pattern: 'blk-[0-9]+'
                no-keywords: {pattern: 'nk[0-9]'}
            """)
        XCTAssertEqual(config.secrets.valueShapes, [
            ValueShape(name: "plain", pattern: "tok_[0-9]{4}"),
            ValueShape(name: "flow", pattern: "TOK_[A-Z]{4}", keywords: ["tok_", "Zz"]),
            ValueShape(name: "block", pattern: "blk-[0-9]+", keywords: ["blk"]),
            ValueShape(name: "no-keywords", pattern: "nk[0-9]"),
        ])
    }

    func testBadMappingsNameFileLineAndKey() {
        let cases: [(yaml: String, line: Int, key: String, says: String)] = [
            ("secrets:\n  value_shapes:\n    jwt: {keywords: [eyJ]}\n", 3, "secrets.value_shapes.jwt", "missing pattern"),
            ("secrets:\n  value_shapes:\n    jwt:\n      keywords: [eyJ]\n", 4, "secrets.value_shapes.jwt", "missing pattern"),
            ("secrets:\n  value_shapes:\n    jwt: {pattern: 'eyJ', keyword: [eyJ]}\n", 3, "secrets.value_shapes.jwt.keyword", "unknown key"),
            ("secrets:\n  value_shapes:\n    jwt:\n      pattern: 'eyJ'\n      patern: x\n", 5, "secrets.value_shapes.jwt.patern", "unknown key"),
            ("secrets:\n  value_shapes:\n    jwt: {pattern: 'eyJ', keywords: eyJ}\n", 3, "secrets.value_shapes.jwt.keywords", "list"),
            ("secrets:\n  value_shapes:\n    jwt: {pattern: '(eyJ', keywords: [eyJ]}\n", 3, "secrets.value_shapes.jwt", "regular expression"),
            ("secrets:\n  value_shapes:\n    jwt: {pattern: [a], keywords: [eyJ]}\n", 3, "secrets.value_shapes.jwt", "regular expression"),
        ]
        for (yaml, line, key, says) in cases {
            XCTAssertThrowsError(try load(yaml), yaml) { error in
                guard case let .invalidValue(file, gotLine, gotKey, problem)? = error as? RulesConfigError else {
                    return XCTFail("\(yaml): unexpected \(error)")
                }
                XCTAssertEqual(file, "rules/shapes.yml")
                XCTAssertEqual(gotLine, line, yaml)
                XCTAssertEqual(gotKey, key, yaml)
                XCTAssertTrue(problem.contains(says), "\(yaml): \(problem)")
                XCTAssertTrue(error.localizedDescription.hasPrefix("rules/shapes.yml:\(line): `\(key)`"), error.localizedDescription)
            }
        }
    }

    func signals(_ detector: SecretDetector, _ value: String) -> [String] {
        detector.strongValueSignals(value)
    }

    func testKeywordsGateTheRegex() throws {
        let detector = try load("""
            secrets:
              value_shapes:
                gated: {pattern: 'tok_[0-9]{4}', keywords: [zz]}
                upper: {pattern: 'TOK_[0-9]{4}', keywords: [tok_]}
                lower: {pattern: 'key-[0-9]{4}', keywords: [KEY-]}
                open: 'opn[0-9]{4}'
            """).detector
        XCTAssertEqual(signals(detector, "tok_1234"), [], "the regex matches, but no keyword: skipped")
        XCTAssertEqual(signals(detector, "tok_1234 zz"), ["value:gated"])
        XCTAssertEqual(signals(detector, "tok_1234 ZZ"), ["value:gated"], "keywords ignore ASCII case")
        XCTAssertEqual(signals(detector, "x TOK_1234"), ["value:upper"])
        XCTAssertEqual(signals(detector, "x key-1234"), ["value:lower"])
        XCTAssertEqual(signals(detector, "opn1234"), ["value:open"], "no keywords: tried on every value")
        XCTAssertEqual(signals(detector, "tok_ only"), [], "a keyword alone is not a match")
        XCTAssertTrue(detector.classify(name: "INNOCENT", value: "id TOK_4321").isSecret)
        XCTAssertFalse(detector.classify(name: "INNOCENT", value: "id tok_4321").isSecret)
    }

    /// Keywords are compared ASCII-case-insensitively: a keyword with other
    /// letters must still match the value's own spelling of it.
    func testNonASCIIKeywordStillFires() throws {
        let detector = try load("""
            secrets:
              value_shapes:
                accent: {pattern: 'É[0-9]{4}', keywords: ['É']}
            """).detector
        XCTAssertEqual(signals(detector, "x É1234"), ["value:accent"])
    }

    /// Random strings each built-in pattern matches: every match holds one of its keywords.
    func testBuiltInKeywordsAreImpliedByTheirRegex() throws {
        let upper = SeededRandom.pieces("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), digits = SeededRandom.pieces("0123456789")
        let alnum = upper + upper.map { $0.lowercased() } + digits
        var rng = SeededRandom(seed: 0x5AFE)
        func run(_ pieces: [String], _ range: ClosedRange<Int>) -> String { rng.string(rng.int(in: range), from: pieces) }
        let makers: [String: () -> String] = [
            "aws-access-key": { rng.pick(["AKIA", "ASIA"]) + run(upper + digits, 16...16) },
            "jwt": { "eyJ" + run(alnum + ["_", "-"], 5...20) + ".eyJ" + run(alnum + ["_", "-"], 5...20) + "." + run(alnum + ["_", "-"], 0...20) },
            "pem-private-key": { "-----BEGIN " + (0..<rng.int(in: 0...3)).map { _ in run(upper + digits, 1...5) + " " }.joined() + "PRIVATE KEY-----" },
            "github-token": {
                rng.chance(50) ? "gh" + rng.pick(["p", "o", "u", "s", "r"]) + "_" + run(alnum, 36...36) : "github_pat_" + run(alnum + ["_"], 22...40)
            },
            "slack-token": { "xox" + rng.pick(["a", "b", "p", "r", "s"]) + "-" + run(alnum + ["-"], 10...30) },
            "stripe-live-key": { rng.pick(["s", "r"]) + "k_live_" + run(alnum, 24...40) },
        ]
        let shapes = SecretPatterns.default.valueShapes
        XCTAssertEqual(Set(shapes.map(\.name)), Set(makers.keys), "a new built-in shape: add a generator here")
        let before = ["", " ", "x=", "\"", "key: ", "\n", "é "], after = ["", " ", "\"", ";", "\n", " é"]
        let detector = SecretDetector()
        for shape in shapes {
            guard let make = makers[shape.name] else { continue }
            XCTAssertFalse(shape.keywords.isEmpty, shape.name)
            let regex = try NSRegularExpression(pattern: shape.pattern)
            let keywords = detector.shapes.first { $0.name == shape.name }?.keywords ?? []
            for _ in 0..<300 {
                let value = rng.pick(before) + make() + rng.pick(after)
                let match = regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value))
                guard let match, let range = Range(match.range, in: value) else {
                    XCTFail("\(shape.name): the generator made \(value.debugDescription), which does not match")
                    continue
                }
                let matched = String(value[range])
                XCTAssertTrue(keywords.contains { FastText.containsIgnoringASCIICase(matched, $0) }, "\(shape.name): \(matched)")
                XCTAssertEqual(detector.strongValueSignals(value).contains("value:" + shape.name), true, value.debugDescription)
            }
        }
    }
}
