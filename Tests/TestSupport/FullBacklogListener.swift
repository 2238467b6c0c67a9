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
    private var fillers: [Int32] = []

    /// Opens the listener and fills its queue; throws when a loopback socket call fails.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
        }
        guard bound == 0, listen(fd, 0) == 0 else { Glibc.close(fd); throw POSIXError(.EADDRINUSE) }
        var length = size
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        // Fill the queue (backlog 0 still admits one or two) with connections nobody accepts.
        for _ in 0..<4 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard filler >= 0 else { continue }
            _ = fcntl(filler, F_SETFL, fcntl(filler, F_GETFL) | O_NONBLOCK)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, size) }
            }
            fillers.append(filler)
        }
    }

    /// Closes the listener and its own connections.
    public func close() {
        for filler in fillers { Glibc.close(filler) }
        Glibc.close(listener)
    }
}
