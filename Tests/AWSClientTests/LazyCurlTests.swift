#if os(Linux)
import LazyCurl
import XCTest

@testable import AWSClient

/// libcurl loaded on first use (Sources/LazyCurl): the forwarders the release
/// binary links in place of libcurl, and the error a transport gives without it.
final class LazyCurlTests: XCTestCase {
    private func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func testLoadsLibcurl() {
        var reason = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(hydrous_lazy_curl_load(&reason, reason.count), 1, text(reason))
        XCTAssertEqual(hydrous_lazy_curl_load(nil, 0), 1, "a second call answers from the first")
        XCTAssertNil(HTTPLibrary.unavailable)
    }

    /// Every kind of argument FoundationNetworking passes goes through the
    /// forwarders unchanged: strings, data pointers, longs and 64-bit offsets
    /// (libcurl rejects the negative ones, so a value lost on the way shows).
    func testForwardersPassEveryArgumentKind() {
        var report = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(hydrous_lazy_curl_self_test(&report, report.count), 1, text(report))
    }

    /// Without libcurl a transport creates no session and each request fails
    /// at once with the reason, as an unreachable call (the audit exits 3).
    func testTransportWithoutLibcurlFailsEachRequest() async {
        let reason = "cannot load libcurl.so.4 (libcurl.so.4: cannot open shared object file): install libcurl"
        let transport = URLSessionTransport(
            connectTimeout: 1, requestTimeout: 1, maxConnectionsPerHost: 1, variables: [:],
            reachable: ReachableHosts { _, _, _ in .connected }, unavailable: reason)
        let request = AWSHTTPRequest(method: "GET", scheme: "https", host: "ecs.us-east-1.amazonaws.com")
        do {
            _ = try await transport.send(request)
            XCTFail("a transport without libcurl sent a request")
        } catch let error as AWSClientError {
            XCTAssertEqual(error, .httpUnavailable(reason: reason))
            XCTAssertFalse(error.isRetryable)
            XCTAssertEqual(AWSFailureKind(error), .unreachable)
            XCTAssertEqual(error.errorDescription, "cannot send HTTPS requests: \(reason)")
        } catch {
            XCTFail("unexpected \(error)")
        }
    }
}
#endif
