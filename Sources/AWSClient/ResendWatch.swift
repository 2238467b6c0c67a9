import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking

/// Turns libcurl's body-less re-send of a request into an immediate, retryable failure.
///
/// When a request goes out on a reused keep-alive connection and the server
/// closes it without answering, libcurl re-sends the request on a fresh
/// connection, first asking Foundation to rewind the body. For an `httpBody`
/// swift-corelibs-foundation reports the rewind as done but does nothing, so
/// the re-send carries `Content-Length: N` and no body: the server waits for
/// the body, the client for the answer, until the request timeout.
///
/// Foundation does ask the task's delegate for a new body stream
/// (`needNewBodyStream`) at that moment. The watch answers "none" (Foundation
/// then carries on as before), cancels the task at once and `send` throws
/// `Resent`: the client's next attempt goes out whole, milliseconds later.
///
/// Handing Foundation a fresh stream instead (an `httpBodyStream` body) makes
/// the re-send itself correct, but costs a busy loop in every exchange: with a
/// body of unknown length libcurl needs one more write-ready event to see its
/// end, and Foundation never removes that write source afterwards, so it fires
/// until the answer comes (measured: 5-8x the CPU, up to 60% more wall time
/// for an audit on a 2-core machine).
final class ResendWatch: NSObject, URLSessionTaskDelegate, Sendable {
    /// libcurl re-sent the request without its body; the exchange was cancelled.
    struct Resent: Error {}

    private let state = Mutex<(task: URLSessionTask?, cancelled: Bool, resent: Bool)>((nil, false, false))

    /// Sends `request` (its body in `httpBody`) on `session`; cancelling the calling task cancels it.
    static func send(_ request: URLRequest, on session: URLSession) async throws -> (Data, URLResponse) {
        let watch = ResendWatch()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if watch.finish() {
                        continuation.resume(throwing: Resent())
                    } else if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                // Foundation asks the task's own delegate (not the session's) when it must rewind.
                task.delegate = watch
                watch.start(task)
            }
        } onCancel: {
            watch.cancel()
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, needNewBodyStream completionHandler: @escaping @Sendable (InputStream?) -> Void
    ) {
        completionHandler(nil)
        state.withLock { $0.resent = true }
        // Called from inside libcurl on the task's own queue: cancelling from here traps in
        // libdispatch (cancel() dispatch_syncs onto that queue), so cancel from another one.
        DispatchQueue.global().async { task.cancel() }
    }

    private func start(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelled { task.cancel() }
    }

    private func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }

    /// Drops the task (it holds this watch as its delegate); answers whether it was re-sent.
    private func finish() -> Bool {
        state.withLock { state in
            state.task = nil
            return state.resent
        }
    }
}
#endif
