import Foundation

/// How a request's body is kept on disk: as received, or compressed with raw DEFLATE (RFC 1951), its size as
/// received kept beside it.
///
/// Alert payloads are JSON that repeats its keys and label values from alert to alert, and compress several
/// times over; a payload is kept for as long as its alerts, so it is most of the database's size per alert when
/// kept as received. Both stores write bodies this way and read every form (as received, `deflate`,
/// `deflateWebhooks1`), so that an installation moved by `migrate-store` reads the same. A stored body is always
/// given back byte for byte as received.
public enum PayloadEncoding: String, Sendable, CaseIterable {
    /// Raw DEFLATE without a dictionary: bodies stored before `deflateWebhooks1`, still read.
    case deflate
    /// Raw DEFLATE with `PayloadDictionary.webhooks1` as its preset dictionary: how bodies are stored now. A body of
    /// one alert shares most of its bytes with every other webhook of its source (the keys, `"status":"firing"`,
    /// `0001-01-01T00:00:00Z`), which a short body cannot refer back to on its own.
    case deflateWebhooks1 = "deflate-webhooks-1"

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
        let dictionary = PayloadDictionary.webhooks1
        // The window holds the dictionary and the body, and no more: small bodies cost little memory.
        let span = body.count + dictionary.count - 1
        let window = Int32(min(15, max(9, span.bitWidth - span.leadingZeroBitCount)))
        guard let compressed = RawDeflate.compress(
                  body, level: 1, windowBits: window, memoryLevel: memoryLevel, dictionary: dictionary),
              Double(compressed.count) <= Double(body.count) * (1 - minimumSaving)
        else { return (body, nil) }
        return (compressed, .deflateWebhooks1)
    }

    /// The body as received, from its stored form; `size` is its size as received, stored with it.
    ///
    /// Throws `PayloadEncodingError` when the stored bytes do not decompress to exactly `size` bytes, or the
    /// encoding is not one this build knows.
    public static func decode(_ stored: Data, encoding name: String?, size: Int?, payloadID: Int64) throws -> Data {
        guard let name else { return stored }
        guard let encoding = PayloadEncoding(rawValue: name) else {
            throw PayloadEncodingError(payloadID: payloadID, reason: "unknown encoding \"\(name)\"")
        }
        guard let size, size >= 0 else {
            throw PayloadEncodingError(payloadID: payloadID, reason: "compressed without its size as received")
        }
        do {
            switch encoding {
            case .deflate: return try RawDeflate.decompress(stored, size: size)
            case .deflateWebhooks1:
                return try RawDeflate.decompress(stored, size: size, dictionary: PayloadDictionary.webhooks1)
            }
        } catch {
            throw PayloadEncodingError(payloadID: payloadID, reason: "does not decompress (\(error))")
        }
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
