/// A JSON value whose objects keep their keys in the order written, so reports are stable and readable.
indirect enum ReportJSON: Sendable {
    case string(String)
    case int(Int)
    case array([ReportJSON])
    case object([(String, ReportJSON)])

    /// The value as JSON text; `indent` spaces per level, or compact on one line when nil.
    func rendered(indent: Int? = 2) -> String {
        var output = ""
        write(to: &output, indent: indent, depth: 0)
        return output
    }

    private func write(to output: inout String, indent: Int?, depth: Int) {
        switch self {
        case .string(let text): output += Self.quoted(text)
        case .int(let number): output += String(number)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &output, indent: indent, depth: depth)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &output, indent: indent,
                           depth: depth)
        }
    }

    private func writeContainer(
        _ members: [(String?, ReportJSON)], open: String, close: String, to output: inout String, indent: Int?,
        depth: Int
    ) {
        guard !members.isEmpty else {
            output += open + close
            return
        }
        output += open
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { output += "," }
            if let indent { output += "\n" + String(repeating: " ", count: indent * (depth + 1)) }
            if let key { output += Self.quoted(key) + (indent == nil ? ":" : ": ") }
            value.write(to: &output, indent: indent, depth: depth + 1)
        }
        if let indent { output += "\n" + String(repeating: " ", count: indent * depth) }
        output += close
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
