import Foundation
import RunbookCore
import RunbookServer

/// Prints values as JSON on standard output, the same way for every command, with what a terminal would act on
/// escaped (`TerminalText.jsonEscaped`).
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func print<T: Encodable>(_ value: T) throws {
        let data = try encoder().encode(value)
        FileHandle.standardOutput.write(TerminalText.jsonEscaped(data))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints a value the way the JSON API answers it (snake_case keys), so scripts read the CLI and the API alike.
    static func printAPI<T: Encodable>(_ value: T) throws {
        let encoder = APIResponse.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        FileHandle.standardOutput.write(TerminalText.jsonEscaped(try encoder.encode(value)))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
