/// The keys of `key=value` fields in pasted log lines (`level=warn component=cluster msg="…"`), taken out of an
/// alert's text before it is read for words.
///
/// A key names a field of the log format, not the problem: `msg`, `err`, `level` and `caller` are in every
/// logfmt line, and a runbook that quotes one log line would meet every report that pastes another. The values
/// stay: they say what happened (`failed to join cluster`) and where (`cluster`, `node`).
///
/// ```swift
/// LogFieldKeys.removing(in: #"level=warn msg="failed to join cluster""#)   // #" warn "failed to join cluster""#
/// ```
enum LogFieldKeys {
    /// `text` with each key of a `key=value` field replaced by a space; `text` itself when it has none.
    ///
    /// A key is a run of letters, digits, `_`, `.` and `-` at the start of the text or after a space or a backquote,
    /// followed by one `=` and a value (not `==`, `=~`, a space or the end). A selector's label (`{le="0.5"}`,
    /// `status=~"5.."`) is not a log field's key: it names what is measured, and stays.
    static func removing(in text: String) -> String {
        guard text.utf8.contains(0x3D) else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        var start = -1
        var index = 0
        // Inside a selector's braces (`{job="node", le="0.5"}`) every `=` is a label's.
        var braces = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isKeyByte(byte) {
                if start < 0 { start = index }
            } else {
                if byte == 0x7B { braces += 1 } else if byte == 0x7D { braces = max(0, braces - 1) }
                if byte == 0x3D, braces == 0, start >= 0, isKeyStart(bytes, start), index + 1 < bytes.count,
                   ![0x3D, 0x20, 0x7E].contains(bytes[index + 1]) {
                    for position in start...index { bytes[position] = 0x20 }
                    changed = true
                }
                start = -1
            }
            index += 1
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2E, 0x2D: true
        default: false
        }
    }

    /// Whether the run starting at `start` begins a field: at the text's start or after a space or a backquote,
    /// and with a letter (a number before `=` is no key).
    private static func isKeyStart(_ bytes: [UInt8], _ start: Int) -> Bool {
        let first = bytes[start]
        guard (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) || first == 0x5F else { return false }
        guard start > 0 else { return true }
        switch bytes[start - 1] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x60: return true
        default: return false
        }
    }
}
