import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Plain TCP sockets on 127.0.0.1 for hermetic tests: servers, full queues, closed ports.
public enum LoopbackSocket {
    /// A socket call failed while a test set up its loopback socket.
    public struct Failure: Error, CustomStringConvertible {
        /// The call that failed.
        public let call: String
        /// `errno` right after it.
        public let code: Int32
        /// What failed, for the test log.
        public var description: String { "loopback socket: \(call) failed: \(String(cString: strerror(code)))" }
    }

    /// A socket listening on 127.0.0.1 at a port the kernel picks, with `backlog`.
    public static func listen(backlog: Int32) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard let port = bindAnyPort(fd), Glibc.listen(fd, backlog) == 0 else {
            let failure = Failure(call: "bind/listen", code: errno)
            close(fd)
            throw failure
        }
        return (fd, port)
    }

    /// Accepts connections on `listener` on a thread of its own and hands each to `handle` (on that
    /// thread), until the socket is shut down (`shutdown(listener, SHUT_RDWR)`); then closes it.
    ///
    /// The descriptor is closed here, not by whoever stops the server: until this loop is done with
    /// the number it must not be reused, or the loop would accept a later server's connections.
    public static func acceptLoop(_ listener: Int32, _ handle: @escaping @Sendable (Int32) -> Void) {
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { break }
                handle(client)
            }
            close(listener)
        }
    }

    /// A loopback port nothing listens on (bound, then closed); 9 (discard) if binding fails.
    public static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 9 }
        defer { close(fd) }
        return bindAnyPort(fd) ?? 9
    }

    /// Starts a non-blocking connect to 127.0.0.1:`port` and returns the socket (-1 if none could be made).
    public static func startConnect(to port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = loopback(port: port)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return fd
    }

    /// Whether the connect `fd` started completes (successfully) within `milliseconds`.
    public static func completes(_ fd: Int32, within milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, milliseconds) == 1 else { return false }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 && failure == 0
    }

    /// Binds `fd` to 127.0.0.1 at a port the kernel picks; the port, or nil.
    private static func bindAnyPort(_ fd: Int32) -> Int? {
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
