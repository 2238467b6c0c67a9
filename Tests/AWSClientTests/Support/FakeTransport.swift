import Foundation
import Synchronization

@testable import AWSClient

/// A scripted transport: answers (or throws) from a list, records every request.
final class FakeTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(AWSHTTPResponse)
        case fail(AWSClientError)
    }

    private let state: Mutex<(steps: [Step], sent: [AWSHTTPRequest])>

    init(_ steps: [Step]) { state = Mutex((steps, [])) }

    var sent: [AWSHTTPRequest] { state.withLock { $0.sent } }

    func send(_ request: AWSHTTPRequest) async throws -> AWSHTTPResponse {
        let step: Step = state.withLock { state in
            state.sent.append(request)
            return state.steps.isEmpty ? .respond(AWSHTTPResponse(status: 500, text: "")) : state.steps.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}

/// Records requested sleeps instead of sleeping.
final class SleepRecorder: Sendable {
    private let log = Mutex<[TimeInterval]>([])
    var delays: [TimeInterval] { log.withLock { $0 } }
    var sleep: @Sendable (TimeInterval) async throws -> Void {
        { [self] seconds in self.log.withLock { $0.append(seconds) } }
    }
}

enum Fixtures {
    static let credentials = AWSCredentials(
        accessKeyId: "AKIDTESTKEY", secretAccessKey: "test-secret-value-123", sessionToken: "test-token-value-456")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static func client(
        _ transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(maxAttempts: 5),
        callLog: (@Sendable (AWSCallEvent) -> Void)? = nil
    ) -> AWSClient {
        AWSClient(configuration: AWSClientConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(credentials), transport: transport,
            retry: retry, clock: FixedClock(date), callLog: callLog))
    }

    static func xml(_ status: Int = 200, _ text: String) -> FakeTransport.Step {
        .respond(AWSHTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "text/xml")], text: text))
    }

    static func json(_ status: Int = 200, _ text: String, headers: [HTTPHeader] = []) -> FakeTransport.Step {
        .respond(AWSHTTPResponse(
            status: status, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")] + headers, text: text))
    }
}
