import Foundation
import Logging
import NIOConcurrencyHelpers

@testable import RunbookServer

/// Collects the lines a `RunbookLogHandler` writes, for tests to inspect.
final class LogCapture: Sendable {
    private let box = NIOLockedValueBox<[String]>([])

    /// Every line written so far.
    var lines: [String] { box.withLockedValue { $0 } }

    /// The JSON lines parsed into objects.
    var objects: [[String: Any]] {
        lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// A logger writing JSON into this capture.
    func logger(
        level: Logger.Level = .debug, format: LogFormat = .json, metadataProvider: Logger.MetadataProvider? = nil
    ) -> Logger {
        let output = LogOutput { line in self.box.withLockedValue { $0.append(line) } }
        return Logger(label: "runbook.test") { label in
            RunbookLogHandler(
                label: label, format: format, level: level, output: output, metadataProvider: metadataProvider)
        }
    }
}
