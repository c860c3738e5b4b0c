import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 that forwards to a server until told to stall, then holds every byte in both directions
/// while keeping the connections open: a database that stops answering without closing anything, as a server frozen
/// by SIGSTOP or a network that drops packets looks to its client.
final class StallingProxy: @unchecked Sendable {
    /// The port the proxy listens on.
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stalled = false
    private var closed = false
    private var sockets: [Int32] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A proxy to `host` (an IPv4 address or `localhost`) and `port`, listening on a free port.
    init(to host: String, port upstreamPort: Int) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.address(host: "127.0.0.1", port: 0)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, Self.length) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw Failure(description: "cannot listen: \(errno)") }
        var length = Self.length
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let upstream = Self.address(host: host == "localhost" ? "127.0.0.1" : host, port: upstreamPort)
        Thread.detachNewThread { [self] in acceptLoop(upstream: upstream) }
    }

    /// Stops forwarding: bytes already read are held, and nothing more reaches either side.
    func stall() {
        lock.withLock { stalled = true }
    }

    /// Shuts the listener and every connection down, which ends the proxy's threads; each thread closes what it
    /// used once it is done with it. Calling it again does nothing.
    ///
    /// No descriptor is closed here: a number closed while another thread still reads it, or closed twice, may
    /// by then be a pipe or socket another test in this process opened, and that test's read then fails (a CLI
    /// test crashed in `readDataToEndOfFile` that way when this closed its listener a second time).
    func close() {
        let all = lock.withLock { () -> [Int32]? in
            guard !closed else { return nil }
            closed = true
            defer { sockets = [] }
            return sockets
        }
        guard let all else { return }
        for socket in all {
            shutdown(socket, Int32(SHUT_RDWR))
        }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private var isStalled: Bool {
        lock.withLock { stalled }
    }

    private func acceptLoop(upstream: sockaddr_in) {
        defer { Glibc.close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var target = upstream
            let connected = withUnsafePointer(to: &target) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, Self.length) }
            }
            guard connected == 0 else {
                Glibc.close(client)
                Glibc.close(server)
                continue
            }
            let open = lock.withLock { () -> Bool in
                if !closed { sockets += [client, server] }
                return !closed
            }
            guard open else {
                Glibc.close(client)
                Glibc.close(server)
                return
            }
            // Both directions end before either descriptor is closed.
            let pumps = DispatchGroup()
            for (source, destination) in [(client, server), (server, client)] {
                pumps.enter()
                Thread.detachNewThread { [self] in
                    pump(from: source, to: destination)
                    pumps.leave()
                }
            }
            pumps.notify(queue: .global()) {
                Glibc.close(client)
                Glibc.close(server)
            }
        }
    }

    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(source, &buffer, buffer.count)
            guard count > 0 else { break }
            while isStalled {
                // Held, not dropped: the connection stays open and silent, which is what the store must survive.
                guard lock.withLock({ !closed }) else { return }
                usleep(50_000)
            }
            var sent = 0
            while sent < count {
                let written = buffer[sent..<count].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
                guard written > 0 else { return }
                sent += written
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    private static let length = socklen_t(MemoryLayout<sockaddr_in>.size)

    private static func address(host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }
}
