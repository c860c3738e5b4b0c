import Foundation

/// Where formatted log lines go: standard error by default, or any closure (tests capture lines this way).
public struct LogOutput: Sendable {
    /// Writes one line given as UTF-8 bytes that end with its newline.
    let writeLine: @Sendable ([UInt8]) -> Void

    /// An output calling `write` with each line, without its newline.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        writeLine = { bytes in write(String(decoding: bytes.dropLast(), as: UTF8.self)) }
    }

    private init(lines: @escaping @Sendable ([UInt8]) -> Void) {
        writeLine = lines
    }

    /// Writes `line`, to which the output adds the newline.
    func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        writeLine(bytes)
    }

    /// Standard error, one `write(2)` per line so that lines from concurrent tasks never interleave.
    public static let standardError = fileDescriptor(STDERR_FILENO)

    /// An open file descriptor, one `write(2)` per line (benchmarks write to `/dev/null` this way).
    public static func fileDescriptor(_ descriptor: Int32) -> LogOutput {
        LogOutput(lines: { bytes in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    guard written > 0 else { return }
                    offset += written
                }
            }
        })
    }
}
