import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether anything accepts a TCP connection at a host and port, found out within a time limit.
///
/// `URLSession` on Linux has no connect timeout (swift-corelibs-foundation
/// never sets libcurl's `CURLOPT_CONNECTTIMEOUT`): against an endpoint that
/// drops packets (a silent firewall, a private endpoint out of reach) an
/// exchange waits out the whole request timeout, attempt after attempt. The
/// transport therefore opens (and at once closes) one plain TCP connection to
/// a host before its first exchange there, with a deadline of its own; an
/// exchange that fails without an answer makes the next one look again.
enum ConnectProbe {
    /// What one probe found.
    enum Outcome: Sendable, Equatable {
        /// Something accepted the connection.
        case connected
        /// Every address answered with a refusal or an error (`reason` says which).
        case refused(reason: String)
        /// Nothing answered before the deadline.
        case timedOut
        /// The name did not resolve.
        case notFound
    }

    /// Connects to `host`:`port` and closes the connection, giving up after `timeout` seconds.
    static func probe(host: String, port: Int, timeout: TimeInterval) async -> Outcome {
        let resumed = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            @Sendable func finish(_ outcome: Outcome) {
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: outcome) }
            }
            let deadline = Date().addingTimeInterval(timeout)
            // Name resolution blocks and has no deadline of its own: the probe runs on a thread
            // of its own and the timer below answers for it if it overruns.
            DispatchQueue.global().async { finish(blockingProbe(host: host, port: port, deadline: deadline)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) { finish(.timedOut) }
        }
    }

    /// Tries each address `host` resolves to until one accepts or `deadline` passes.
    static func blockingProbe(host: String, port: Int, deadline: Date) -> Outcome {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(bare, String(port), &hints, &list) == 0, let first = list else { return .notFound }
        defer { freeaddrinfo(first) }
        var addresses: [addrinfo] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            addresses.append(current.pointee)
            entry = current.pointee.ai_next
        }
        return firstConnected(count: addresses.count, deadline: deadline) { attempt(addresses[$0], within: $1) }
    }

    /// Tries `count` addresses in order until one connects. Each gets an equal share of the time
    /// left (`attempt(index, seconds)`), so one that drops packets (an IPv6 route that goes nowhere,
    /// say) cannot use up the time of the next one, as libcurl would not let it either.
    static func firstConnected(count: Int, deadline: Date, attempt: (Int, TimeInterval) -> Outcome) -> Outcome {
        var lastReason = "no address"
        var timedOut = false
        for index in 0..<count {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            switch attempt(index, remaining / Double(count - index)) {
            case .connected: return .connected
            case .timedOut: timedOut = true
            case .refused(let reason): lastReason = reason
            case .notFound: break
            }
        }
        return timedOut || deadline.timeIntervalSinceNow <= 0 ? .timedOut : .refused(reason: lastReason)
    }

    /// One non-blocking connect to `address`, waited for at most `seconds`.
    private static func attempt(_ address: addrinfo, within seconds: TimeInterval) -> Outcome {
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        let socketFD = socket(address.ai_family, type, 0)
        guard socketFD >= 0 else { return .refused(reason: errorText(errno)) }
        defer { close(socketFD) }
        #if !canImport(Glibc)
        _ = fcntl(socketFD, F_SETFL, fcntl(socketFD, F_GETFL, 0) | O_NONBLOCK)
        #endif
        let started = connect(socketFD, address.ai_addr, address.ai_addrlen)
        if started == 0 { return .connected }
        guard errno == EINPROGRESS else { return .refused(reason: errorText(errno)) }
        var poller = pollfd(fd: socketFD, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(min(max(seconds * 1000, 1), Double(Int32.max)))
        var ready: Int32
        repeat {
            ready = poll(&poller, 1, milliseconds)
        } while ready < 0 && errno == EINTR
        if ready == 0 { return .timedOut }
        if ready < 0 { return .refused(reason: errorText(errno)) }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(socketFD, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
            return .refused(reason: errorText(errno))
        }
        return failure == 0 ? .connected : .refused(reason: errorText(failure))
    }

    private static func errorText(_ code: Int32) -> String {
        code == ECONNREFUSED ? "connection refused" : String(cString: strerror(code))
    }
}

/// The hosts an exchange may go to without another probe, and the probes under way.
///
/// One probe at a time per host and port: callers that arrive while one runs
/// wait for its outcome, and go on in the order they arrived. (Waiting on a
/// shared `Task`'s value resumed the last to arrive first, so at the start of
/// an audit the collectors' first requests reached the connection pool in the
/// reverse of the order they were made, and the one started first, the
/// rate-bound task-definition listing, queued behind all the others.) A host
/// stays known until an exchange with it fails without an answer.
actor ReachableHosts {
    private var known: Set<String> = []
    private var waiting: [String: [CheckedContinuation<ConnectProbe.Outcome, Never>]] = [:]
    private let probe: @Sendable (String, Int, TimeInterval) async -> ConnectProbe.Outcome

    /// Creates the set; `probe` is injectable for tests.
    init(probe: @escaping @Sendable (String, Int, TimeInterval) async -> ConnectProbe.Outcome = ConnectProbe.probe) {
        self.probe = probe
    }

    /// `.connected` when `host`:`port` is known or a probe (shared with other callers) connects within `timeout`.
    func check(host: String, port: Int, timeout: TimeInterval) async -> ConnectProbe.Outcome {
        let key = "\(host.lowercased()):\(port)"
        if known.contains(key) { return .connected }
        if waiting[key] == nil {
            waiting[key] = []
            // Its own task, so no caller's cancellation cuts the probe short for the others.
            let probe = self.probe
            Task {
                let outcome = await probe(host, port, timeout)
                self.finish(key, outcome)
            }
        }
        // The first caller waits in the queue too: it goes on first, not after everyone it woke.
        return await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    /// Ends the probe of `key`: everyone waiting goes on, in the order they came.
    private func finish(_ key: String, _ outcome: ConnectProbe.Outcome) {
        if outcome == .connected { known.insert(key) }
        for waiter in waiting.removeValue(forKey: key) ?? [] { waiter.resume(returning: outcome) }
    }

    /// Callers waiting on the probe of `host`:`port`; nil when none is under way (for tests).
    func queued(host: String, port: Int) -> Int? {
        waiting["\(host.lowercased()):\(port)"]?.count
    }

    /// Forgets `host`:`port`, so the next exchange with it probes again.
    func forget(host: String, port: Int) {
        known.remove("\(host.lowercased()):\(port)")
    }
}
