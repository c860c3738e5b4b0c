import Foundation

/// Where formatted log lines go: standard error by default, or any closure (tests capture lines this way).
public struct LogOutput: Sendable {
    let write: @Sendable (String) -> Void

    /// An output calling `write` with each line, without its newline.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error, one `write(2)` per line so that lines from concurrent tasks never interleave.
    public static let standardError = LogOutput { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
