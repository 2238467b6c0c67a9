import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every request with
/// its own body, except the `dropRequest`-th request on each connection: that
/// one is read whole, then the connection is closed without an answer (a
/// server or load balancer dropping an idle keep-alive connection just as the
/// client reuses it).
///
/// With `holdUntilInFlight` N, answers wait until N requests are in flight
/// together or `holdSeconds` pass (then nothing waits any more), so
/// `peakInFlight` shows how many the client sends at once without depending
/// on timing.
final class KeepAliveHTTPServer: Sendable {
    /// One request as it arrived.
    struct Seen: Sendable {
        /// 1-based, in order of acceptance.
        let connection: Int
        /// 1-based, within its connection.
        let index: Int
        /// Lower-cased names.
        let headers: [String: String]
        let body: [UInt8]
        let dropped: Bool
    }

    let port: Int
    private let listener: Int32
    private let dropRequest: Int
    private let holdUntilInFlight: Int
    private let holdSeconds: TimeInterval
    private let log = Mutex<[Seen]>([])
    private let connections = Mutex(0)
    /// Accepted connections still open (closed by `stop()`).
    private let open = Mutex(Set<Int32>())
    private let gate = NSCondition()
    private let load = Mutex((inFlight: 0, peak: 0, open: false))

    var seen: [Seen] { log.withLock { $0 } }
    /// The most requests that were waiting for their answer at the same time.
    var peakInFlight: Int { load.withLock { $0.peak } }

    /// `dropRequest` 0 drops nothing.
    init(dropRequest: Int = 2, holdUntilInFlight: Int = 0, holdSeconds: TimeInterval = 5) throws {
        self.dropRequest = dropRequest
        self.holdUntilInFlight = holdUntilInFlight
        self.holdSeconds = holdSeconds
        let (fd, port) = try LoopbackSocket.listen(backlog: 16)
        self.port = port
        listener = fd
        LoopbackSocket.acceptLoop(fd) { [self] client in
            let number = connections.withLock { count in
                count += 1
                return count
            }
            open.withLock { _ = $0.insert(client) }
            Thread.detachNewThread { [self] in serve(client, connection: number) }
        }
    }

    /// Stops listening and ends every open connection: a later server given the same port must not
    /// find a client's idle keep-alive connection still answered by this one.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))  // ends the accept loop, which closes it
        // Under the lock: a connection closes (and its descriptor may be reused) only while holding it.
        open.withLock { clients in
            for client in clients { shutdown(client, Int32(SHUT_RDWR)) }
        }
    }

    private func serve(_ client: Int32, connection: Int) {
        defer {
            open.withLock { clients in
                clients.remove(client)
                close(client)
            }
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var pending = [UInt8]()
        var index = 0
        while let request = HTTPWire.read(client, pending: &pending) {
            let (headers, body) = (request.headers, request.body)
            index += 1
            let drop = index == dropRequest
            log.withLock { $0.append(Seen(connection: connection, index: index, headers: headers, body: body, dropped: drop)) }
            if drop {
                shutdown(client, Int32(SHUT_RDWR))
                return
            }
            hold()
            defer { load.withLock { $0.inFlight -= 1 } }
            let head = Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            guard HTTPWire.send(head + body, to: client) else { return }
        }
    }

    /// Counts one more request in flight; with `holdUntilInFlight`, waits until the gate opens.
    private func hold() {
        let deadline = Date().addingTimeInterval(holdSeconds)
        gate.lock()
        defer { gate.unlock() }
        let reached = load.withLock { load in
            load.inFlight += 1
            load.peak = max(load.peak, load.inFlight)
            if load.inFlight >= holdUntilInFlight { load.open = true }
            return load.open
        }
        if reached {
            gate.broadcast()
            return
        }
        while !load.withLock({ $0.open }), gate.wait(until: deadline) {}
        load.withLock { $0.open = true }
        gate.broadcast()
    }
}
