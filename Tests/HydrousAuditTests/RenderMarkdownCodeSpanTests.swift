@testable import HydrousAudit
import XCTest

/// Remediation commands carry placeholders such as `<ALB_ARN>`: inside a code
/// span Markdown shows entities literally, so they must stay as written there,
/// while raw HTML in prose is still neutralised.
final class RenderMarkdownCodeSpanTests: XCTestCase {
    func testPlaceholdersInsideCodeSpansStayReadable() {
        let text = "Run `aws elbv2 modify-listener --listener-arn <ARN>` then check <b>it</b> & done"
        let rendered = RenderMarkdown.inline(text)
        XCTAssertTrue(rendered.contains("`aws elbv2 modify-listener --listener-arn <ARN>`"), rendered)
        XCTAssertTrue(rendered.contains("&lt;b&gt;it&lt;/b&gt; &amp; done"), rendered)
    }

    func testAnUnclosedBacktickDoesNotExposeHTML() {
        let rendered = RenderMarkdown.inline("odd ` <script>")
        XCTAssertFalse(rendered.contains("<script>"), rendered)
    }
}
