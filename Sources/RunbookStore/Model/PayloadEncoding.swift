import CompressNIO
import Foundation
import NIOCore

/// How a request's body is kept on disk: as received, or compressed with raw DEFLATE (RFC 1951), its size as
/// received kept beside it.
///
/// Alert payloads are JSON that repeats its keys and label values from alert to alert, and compress several
/// times over; a payload is kept for as long as its alerts, so it is most of the database's size per alert when
/// kept as received. SQLite compresses what it stores; PostgreSQL keeps bodies as received (it compresses large
/// values itself) and reads either form, so that an installation moved by `migrate-store` reads the same.
/// A stored body is always given back byte for byte as received.
public enum PayloadEncoding: String, Sendable, CaseIterable {
    case deflate

    /// Bodies shorter than this are kept as received: compressing them would save a few bytes for the CPU.
    static let minimumSize = 128
    /// zlib's memory level. At 8, its default, the state of one compression passes 128 KB, and setting it up and
    /// freeing it cost more than compressing a 545-byte Alertmanager body: 18.3 µs a body against 7.3 µs at 7 or
    /// less, for the same 297 bytes out (this machine's libz, level 1, a 1 KB window, 200,000 bodies in a loop).
    static let memoryLevel: Int32 = 7
    /// Kept as received unless compressing saves at least this share of the body.
    static let minimumSaving = 0.1

    /// The form of `body` to store: compressed when that saves enough, else as received (`encoding` nil).
    public static func encode(_ body: Data) -> (body: Data, encoding: PayloadEncoding?) {
        guard body.count >= minimumSize else { return (body, nil) }
        var buffer = ByteBuffer(bytes: body)
        // The window need not be larger than the body: small bodies then cost little memory to compress.
        let window = Int32(min(15, max(9, (body.count - 1).bitWidth - (body.count - 1).leadingZeroBitCount)))
        let configuration = ZlibConfiguration(
            windowSize: window, compressionLevel: 1, memoryLevel: PayloadEncoding.memoryLevel)
        guard let compressed = try? buffer.compress(with: .deflate(configuration: configuration)),
              Double(compressed.readableBytes) <= Double(body.count) * (1 - minimumSaving)
        else { return (body, nil) }
        return (Data(compressed.readableBytesView), .deflate)
    }

    /// The body as received, from its stored form; `size` is its size as received, stored with it.
    ///
    /// Throws `PayloadEncodingError` when the stored bytes do not decompress to exactly `size` bytes, or the
    /// encoding is not one this build knows.
    public static func decode(_ stored: Data, encoding name: String?, size: Int?, payloadID: Int64) throws -> Data {
        guard let name else { return stored }
        guard PayloadEncoding(rawValue: name) == .deflate else {
            throw PayloadEncodingError(payloadID: payloadID, reason: "unknown encoding \"\(name)\"")
        }
        guard let size, size >= 0 else {
            throw PayloadEncodingError(payloadID: payloadID, reason: "compressed without its size as received")
        }
        var buffer = ByteBuffer(bytes: stored)
        let body: ByteBuffer
        do {
            body = try buffer.decompress(with: .deflate(), maxSize: max(size, 1))
        } catch {
            throw PayloadEncodingError(payloadID: payloadID, reason: "does not decompress (\(error))")
        }
        guard body.readableBytes == size else {
            throw PayloadEncodingError(
                payloadID: payloadID, reason: "decompressed to \(body.readableBytes) bytes where \(size) were received")
        }
        return Data(body.readableBytesView)
    }
}

/// A stored payload that cannot be given back as received: its bytes are damaged, or were written by a newer
/// build. Says which payload and why.
public struct PayloadEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var payloadID: Int64
    public var reason: String

    public var description: String {
        "stored payload \(payloadID) cannot be read: \(reason)"
    }
}
