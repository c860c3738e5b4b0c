import Foundation
import RunbookCore
import RunbookServer

/// How the remote commands print what the server answered: its JSON as it is (`--json`), or a table.
enum RemoteOutput {
    /// The body as the server sent it, with a final newline; what a terminal would act on is escaped as JSON escapes
    /// it (`TerminalText.jsonEscaped`), so the JSON reads the same.
    static func printRaw(_ body: Data) {
        FileHandle.standardOutput.write(TerminalText.jsonEscaped(body))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Decodes an API answer (snake_case keys, ISO 8601 times); a body that does not decode is a server fault.
    static func decode<Value: Decodable>(_ type: Value.Type, from body: Data) throws -> Value {
        do {
            return try APIResponse.decoder().decode(type, from: body)
        } catch {
            throw RemoteFailure.unreachable(
                "the server's answer is not what this runbook expects (another version?): \(error)")
        }
    }

    /// Rows under a header, each column as wide as its widest cell; the last column is not padded.
    static func printTable(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// How long ago, in the largest whole unit: `45s`, `12m`, `3h`, `2d`.
    static func age(_ date: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86400: return "\(seconds / 3600)h"
        default: return "\(seconds / 86400)d"
        }
    }
}

/// `GET /api/v1/incidents`.
struct IncidentPage: Decodable {
    var incidents: [Incident]
    var nextCursor: String?
}

/// The parts of `GET /api/v1/incidents/{id}` that `runbook incidents show` prints.
struct IncidentDetail: Decodable {
    var incident: Incident
    var timeline: [TimelineEvent]
    /// The matched entry, filled from the first alert's labels, Diagnosis first.
    var entry: FilledEntry?
    var candidates: [Match]
}

/// The answer of acknowledge, resolve and reopen: the incident, and for resolve a warning when its source still
/// fires.
struct ActionAnswer: Decodable {
    var incident: Incident
    var warning: String?

    private enum Keys: String, CodingKey { case warning }

    init(from decoder: any Decoder) throws {
        incident = try Incident(from: decoder)
        warning = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .warning)
    }
}
