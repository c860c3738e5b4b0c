import CRunbookZlib
import Foundation

/// Raw DEFLATE (RFC 1951) through the system's zlib, with an optional preset dictionary: text the compressor may
/// refer back to as if it had come before the input, so that a short body reuses the keys it shares with others.
/// A raw stream does not say which dictionary it was made with; the reader must give the same one.
enum RawDeflate {
    /// `input` compressed at `level` with a window of `windowBits` (9…15) and zlib's `memoryLevel`; nil when zlib
    /// refuses the settings or the input (then the caller keeps the input as it is).
    static func compress(
        _ input: Data, level: Int32, windowBits: Int32, memoryLevel: Int32, dictionary: [UInt8]? = nil
    ) -> Data? {
        var stream = z_stream()
        guard runbook_deflateInit2(&stream, level, -windowBits, memoryLevel) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        if let dictionary {
            let status = dictionary.withUnsafeBufferPointer { words in
                deflateSetDictionary(&stream, words.baseAddress, uInt(words.count))
            }
            guard status == Z_OK else { return nil }
        }
        // Written in place and cut to what zlib wrote: no second copy of the body.
        var output = Data(count: Int(deflateBound(&stream, uLong(input.count))))
        let finished = input.withUnsafeBytes { raw -> Bool in
            guard let bytes = raw.bindMemory(to: Bytef.self).baseAddress else { return false }
            return output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: bytes)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH) == Z_STREAM_END
            }
        }
        guard finished else { return nil }
        output.count = Int(stream.total_out)
        return output
    }

    /// The `size` bytes `input` decompresses to, with the dictionary it was compressed with; throws
    /// `RawDeflate.Failure` saying what zlib found when it does not decompress to exactly `size` bytes.
    static func decompress(_ input: Data, size: Int, dictionary: [UInt8]? = nil) throws -> Data {
        // The output is allocated whole: a damaged size must not ask for more memory than any body could need.
        guard size >= 0, size <= maximumSize else {
            throw Failure(reason: "its recorded size, \(size) bytes, is not the size of a body Runbook keeps")
        }
        var stream = z_stream()
        // The largest window reads a stream made with any smaller one.
        guard runbook_inflateInit2(&stream, -15) == Z_OK else { throw Failure(reason: "zlib cannot start inflating") }
        defer { inflateEnd(&stream) }
        if let dictionary {
            let status = dictionary.withUnsafeBufferPointer { words in
                inflateSetDictionary(&stream, words.baseAddress, uInt(words.count))
            }
            guard status == Z_OK else { throw Failure(reason: "zlib refused the dictionary (\(status))") }
        }
        // One byte more than expected, so that a body longer than its recorded size is caught.
        var output = Data(count: size + 1)
        let status = input.withUnsafeBytes { raw -> Int32 in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            let message = stream.msg.map { String(cString: $0) }
            let detail = message ?? (status == Z_BUF_ERROR ? "the stream ends early or is longer than its size" : "")
            throw Failure(reason: "zlib status \(status)\(detail.isEmpty ? "" : ": " + detail)")
        }
        guard Int(stream.total_out) == size else {
            throw Failure(reason: "decompressed to \(stream.total_out) bytes where \(size) were received")
        }
        output.count = size
        return output
    }

    /// The largest body `decompress` gives back (1 GiB): far above any request body the server accepts.
    static let maximumSize = 1 << 30

    /// Why a stored stream could not be decompressed.
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }
}
