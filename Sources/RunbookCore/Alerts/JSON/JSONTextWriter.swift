/// JSON text written by hand, as Foundation's `JSONEncoder` (with `.sortedKeys`) writes it, for the hot paths where
/// the encoder's generic machinery cost more than the work around it (an ingested alert's labels and matches, a
/// request's log line).
///
/// Strings are escaped as `JSONEncoder` escapes them: `"`, `\`, control characters (`\b \f \n \r \t`, the others as
/// `\u00xx`) and `/` as `\/` unless `escapingSlashes` is false (as `JSONSerialization`'s `.withoutEscapingSlashes`);
/// everything else is written as is. Numbers are `Double.description` without a trailing `.0`; object keys are sorted
/// by their UTF-8 bytes. A test checks the output against `JSONEncoder`'s byte for byte.
///
/// ```swift
/// var json = JSONTextWriter()
/// json.stringMap(["alertname": "DiskFull"])
/// json.text // {"alertname":"DiskFull"}
/// ```
public struct JSONTextWriter: Sendable {
    /// The text written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    private let escapingSlashes: Bool
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// An empty text; `escapingSlashes: false` writes `/` as is.
    public init(escapingSlashes: Bool = true, capacity: Int = 256) {
        self.escapingSlashes = escapingSlashes
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Appends punctuation or a literal (`{`, `,`, `null`) as it is.
    public mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a quoted, escaped string.
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    || (escapingSlashes && byte == UInt8(ascii: "/"))
                else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a number; like `JSONEncoder`, throws for NaN and infinities, which JSON cannot hold.
    public mutating func number(_ value: Double) throws(JSONNumberError) {
        guard value.isFinite else { throw JSONNumberError(value: value) }
        var text = value.description
        if text.hasSuffix(".0") {
            text.removeLast(2)
        }
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends an integer.
    public mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends `true` or `false`.
    public mutating func bool(_ value: Bool) {
        value ? literal("true") : literal("false")
    }

    /// Appends `"key":`, preceded by a comma unless it is the object's first.
    public mutating func key(_ key: String, first: Bool) {
        if !first {
            literal(",")
        }
        string(key)
        literal(":")
    }

    /// Appends an object of strings, keys in order.
    public mutating func stringMap(_ map: [String: String]) {
        literal("{")
        for (index, pair) in Self.sorted(map).enumerated() {
            key(pair.key, first: index == 0)
            string(pair.value)
        }
        literal("}")
    }

    /// A dictionary's pairs in the order `JSONEncoder`'s `.sortedKeys` writes them: by the keys' UTF-8 bytes.
    @inlinable
    public static func sorted<Value>(_ map: [String: Value]) -> [(key: String, value: Value)] {
        map.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
        }
    }
}
