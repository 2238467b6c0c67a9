import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking

/// Sends a request body that libcurl can send again.
///
/// When a request goes out on a reused keep-alive connection and the server
/// closes it before answering, libcurl re-sends the request on a fresh
/// connection and first asks Foundation to rewind the body. For an `httpBody`
/// (`Data`) body swift-corelibs-foundation reports the rewind as done but does
/// nothing, so the new connection gets the headers with `Content-Length: N`
/// and no body: the server waits for the body, the client for the answer,
/// until the request timeout. For an `httpBodyStream` body Foundation asks the
/// task's delegate for a new stream (`needNewBodyStream`), which this gives.
///
/// A stream body on its own would be sent chunked; `Content-Length` plus a
/// blank `Transfer-Encoding` (which libcurl neither sends nor chunks for)
/// keeps the wire identical to an `httpBody` request.
enum RewindableUpload {
    /// `request` with `body` attached so that a re-send carries it again.
    static func attach(_ body: Data, to request: URLRequest) -> URLRequest {
        var request = request
        request.httpBody = nil
        request.httpBodyStream = InputStream(data: body)
        request.setValue(String(body.count), forHTTPHeaderField: "Content-Length")
        request.setValue(" ", forHTTPHeaderField: "Transfer-Encoding")
        return request
    }

    /// Sends `request` (made by `attach`) on `session`; cancelling the calling task cancels it.
    static func send(_ request: URLRequest, body: Data, on session: URLSession) async throws -> (Data, URLResponse) {
        let rewinder = BodyRewinder(body: body)
        let handle = TaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                // Foundation asks the task's own delegate (not the session's) for the new stream.
                task.delegate = rewinder
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }
}

/// Hands Foundation a fresh stream over the same bytes each time it must send the body again.
final class BodyRewinder: NSObject, URLSessionTaskDelegate, Sendable {
    private let body: Data

    init(body: Data) {
        self.body = body
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, needNewBodyStream completionHandler: @escaping @Sendable (InputStream?) -> Void
    ) {
        completionHandler(InputStream(data: body))
    }
}

/// A data task that may be cancelled before or after it starts.
private final class TaskHandle: Sendable {
    private let state = Mutex<(task: URLSessionTask?, cancelled: Bool)>((nil, false))

    func start(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
#endif
