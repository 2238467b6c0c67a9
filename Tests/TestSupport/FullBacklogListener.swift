import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback port whose accept queue is full and never drained: new
/// connections never complete (the kernel drops their SYNs), as with a
/// firewall that silently drops packets.
public final class FullBacklogListener {
    /// The port to point a client at.
    public let port: Int
    private let listener: Int32
    private let fillers: [Int32]
    /// How many connections the listener holds in its queue (diagnostics).
    public var queued: Int { fillers.count }

    /// Opens the listener and fills its queue; throws when a loopback socket call fails.
    public init() throws {
        let (listener, port) = try LoopbackSocket.listen(backlog: 0)
        (self.listener, self.port) = (listener, port)
        // Fill the queue (backlog 0 still admits one or two) with connections nobody accepts, one
        // at a time, until one does not complete within 200 ms: the kernel now drops every SYN.
        // (Connecting without waiting let a client's handshake slip in before the queue was full.)
        // The first one must complete (the queue is empty), however busy the machine.
        var fillers: [Int32] = []
        for attempt in 0..<16 {
            let filler = LoopbackSocket.startConnect(to: port)
            guard filler >= 0 else { break }
            fillers.append(filler)
            if !LoopbackSocket.completes(filler, within: attempt == 0 ? 5_000 : 200) { break }
        }
        self.fillers = fillers
    }

    /// Closes the listener and its own connections.
    public func close() {
        for filler in fillers { Glibc.close(filler) }
        Glibc.close(listener)
    }
}
