import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a loopback server, for sending what no HTTP client would: half a header, a stalled
/// body, bytes that are not HTTP.
///
/// Reads block, so they run on a thread of their own, never on the cooperative pool the server under test uses.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    /// Connects to `127.0.0.1:port`.
    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(socket)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    deinit {
        Glibc.close(socket)
    }

    /// Sends `text`; false once the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return sent == bytes.count
    }

    /// Closes the connection from this side.
    func close() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    /// What the server sent until it closed the connection, and how long that took; `closed` is false when
    /// `limit` passed first.
    func readUntilClosed(limit: Duration) async -> (text: String, closed: Bool, elapsed: Duration) {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.blockingRead(limit: limit)) }.start()
        }
    }

    private func blockingRead(limit: Duration) -> (text: String, closed: Bool, elapsed: Duration) {
        let started = ContinuousClock.now
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let left = limit - (ContinuousClock.now - started)
            guard left > .zero else { return (String(decoding: received, as: UTF8.self), false, limit) }
            var timeout = timeval(tv_sec: Int(left.components.seconds),
                                  tv_usec: Int(left.components.attoseconds / 1_000_000_000_000) + 1)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return (String(decoding: received, as: UTF8.self), true, ContinuousClock.now - started)
            }
        }
    }
}
