#if os(Linux)
import LazyXML
import XCTest

@testable import AWSClient

/// libxml2 loaded on first use (Sources/LazyXML): the forwarders the release
/// binary links in place of libxml2, and the error a parse gives without it.
final class LazyXMLTests: XCTestCase {
    private func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func testLoadsLibxml2() {
        var reason = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(hydrous_lazy_xml_load(&reason, reason.count), 1, text(reason))
        XCTAssertEqual(hydrous_lazy_xml_load(nil, 0), 1, "a second call answers from the first")
        XCTAssertNil(XMLLibrary.unavailable)
    }

    /// Documents, strings, the `xmlFree` variable and a nine-argument call
    /// (three arguments on the stack) go through the forwarders unchanged.
    func testForwardersPassEveryArgumentKind() {
        var report = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(hydrous_lazy_xml_self_test(&report, report.count), 1, text(report))
    }

    /// Without libxml2 an answer fails to parse with the reason, which the
    /// client reports as a malformed answer naming the library and its
    /// package (the call is listed in coverage, the audit exits 3).
    func testParseWithoutLibxml2FailsWithTheReason() {
        let reason = "cannot load libxml2.so.2 (libxml2.so.2: cannot open shared object file): install libxml2"
        let answer = Array("<DescribeVpcsResponse><vpcSet/></DescribeVpcsResponse>".utf8)
        XCTAssertEqual(try AWSXMLNode.parse(answer, unavailable: nil).name, "DescribeVpcsResponse")
        XCTAssertThrowsError(try AWSXMLNode.parse(answer, unavailable: reason)) { error in
            XCTAssertEqual(error as? AWSXMLParseError, AWSXMLParseError(reason: "cannot parse XML: \(reason)"))
        }
        let response = AWSHTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "text/xml")], body: answer)
        XCTAssertEqual(try ServiceProtocol(.ec2).decodeXML(response, service: "ec2", operation: "DescribeVpcs", unavailable: nil).name,
                       "DescribeVpcsResponse")
        XCTAssertThrowsError(
            try ServiceProtocol(.ec2).decodeXML(response, service: "ec2", operation: "DescribeVpcs", unavailable: reason)
        ) { error in
            XCTAssertEqual(error as? AWSClientError,
                           .malformedResponse(service: "ec2", operation: "DescribeVpcs", reason: "cannot parse XML: \(reason)"))
            XCTAssertEqual(AWSFailureKind(error), .failed)
        }
    }
}
#endif
