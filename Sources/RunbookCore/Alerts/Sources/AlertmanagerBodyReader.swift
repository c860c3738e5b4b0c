import Foundation

/// Reads an Alertmanager webhook body straight from its UTF-8 bytes into alerts, without a `JSONValue` tree.
///
/// The fast path of ``AlertmanagerDecoder``: it gives the very alerts the tree decoder gives, or nil whenever the body
/// holds anything it does not handle (a duplicate key, a surrogate `\u` escape, a value of an unexpected kind, a
/// time that is not a string, a limit exceeded, malformed JSON). The caller then decodes the body the general way,
/// which also writes every error message: errors come from one place. It is at least as strict as `JSONParser`:
/// whatever it accepts, the parser accepts and reads to the same values.
struct AlertmanagerBodyReader {
    /// The body is not the plain shape this reader handles; decode it the general way.
    struct Unusual: Error {}

    /// An alert as read, before the common labels and annotations are merged into it.
    private struct Item {
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        var status: AlertStatus?
        var startsAt: Date?
        var endsAt: Date?
        var fingerprint: String?
        var url: String?
    }

    /// What the reader gives: the alerts, and whether format detection would have called the body Alertmanager's.
    struct Outcome {
        var alerts: [Alert]
        /// The body has one of `groupKey`, `receiver`, `version` or `status` beside `alerts` (see `detect`).
        var looksLikeAlertmanager: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The alerts of `data`, exactly as ``AlertmanagerDecoder`` decodes them, or nil when the body is unusual.
    static func read(_ data: Data, receivedAt: Date, limits: AlertLimits) -> Outcome? {
        data.withUnsafeBytes { raw -> Outcome? in
            var reader = AlertmanagerBodyReader(bytes: raw.bindMemory(to: UInt8.self))
            return try? reader.body(receivedAt: receivedAt, limits: limits)
        }
    }

    // MARK: The Alertmanager shape

    private mutating func body(receivedAt: Date, limits: AlertLimits) throws(Unusual) -> Outcome {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var items: [Item]?
        var groupStatus: AlertStatus?
        var groupKey: String?
        var commonLabels: [String: String] = [:]
        var commonAnnotations: [String: String] = [:]
        var seen: UInt16 = 0
        try open(UInt8(ascii: "{"))
        if try !closes(UInt8(ascii: "}")) {
            repeat {
                let key = TopKey(try key())
                guard seen & key.rawValue == 0 else { throw Unusual() }
                seen |= key.rawValue
                switch key {
                case .alerts: items = try alerts()
                case .status: groupStatus = try status()
                case .groupKey: groupKey = try stringOrNull()
                case .commonLabels: commonLabels = try stringMap() ?? [:]
                case .commonAnnotations: commonAnnotations = try stringMap() ?? [:]
                case .groupLabels: _ = try stringMap()
                case .receiver, .externalURL: _ = try stringOrNull()
                case .version, .other: try skipScalar()
                }
            } while try next(closing: UInt8(ascii: "}"))
        }
        skipWhitespace()
        guard index == bytes.count, let items else { throw Unusual() }
        let signs = TopKey.groupKey.rawValue | TopKey.receiver.rawValue | TopKey.version.rawValue
            | TopKey.status.rawValue
        let looksLikeAlertmanager = seen & signs != 0
        let alerts = try Self.merged(
            items, groupStatus: groupStatus ?? .firing, groupKey: groupKey, commonLabels: commonLabels,
            commonAnnotations: commonAnnotations, receivedAt: receivedAt, limits: limits)
        return Outcome(alerts: alerts, looksLikeAlertmanager: looksLikeAlertmanager)
    }

    /// Merges the common labels and annotations into each item, with every limit `AlertmanagerDecoder` checks.
    private static func merged(
        _ items: [Item], groupStatus: AlertStatus, groupKey: String?, commonLabels: [String: String],
        commonAnnotations: [String: String], receivedAt: Date, limits: AlertLimits
    ) throws(Unusual) -> [Alert] {
        guard items.count <= limits.alertsPerRequest,
            let commonLabelBytes = limits.labelBytesWithin(commonLabels),
            let commonAnnotationBytes = limits.annotationBytesWithin(commonAnnotations)
        else { throw Unusual() }
        let commonBytes = commonLabelBytes + commonAnnotationBytes
        var requestBytes = 0
        var alerts: [Alert] = []
        alerts.reserveCapacity(items.count)
        for item in items {
            let mergedCount = commonLabels.isEmpty
                ? item.labels.count
                : commonLabels.count + item.labels.keys.count(where: { commonLabels[$0] == nil })
            guard mergedCount <= limits.labelsPerAlert,
                let labelBytes = limits.labelBytesWithin(item.labels),
                let annotationBytes = limits.annotationBytesWithin(item.annotations)
            else { throw Unusual() }
            requestBytes += commonBytes + labelBytes + annotationBytes
            guard requestBytes <= limits.requestAlertBytes else { throw Unusual() }
            let labels = commonLabels.isEmpty ? item.labels : commonLabels.merging(item.labels) { _, own in own }
            let annotations = commonAnnotations.isEmpty
                ? item.annotations : commonAnnotations.merging(item.annotations) { _, own in own }
            guard commonAnnotations.isEmpty || limits.annotationBytesWithin(annotations) != nil else {
                throw Unusual()
            }
            alerts.append(
                AlertmanagerDecoder.alert(
                    labels: labels, annotations: annotations, status: item.status ?? groupStatus,
                    startsAt: item.startsAt ?? receivedAt, endsAt: item.endsAt, fingerprint: item.fingerprint,
                    groupKey: groupKey, url: item.url))
        }
        return alerts
    }

    private mutating func alerts() throws(Unusual) -> [Item] {
        try open(UInt8(ascii: "["))
        var items: [Item] = []
        if try closes(UInt8(ascii: "]")) { return items }
        repeat {
            items.append(try item())
        } while try next(closing: UInt8(ascii: "]"))
        return items
    }

    private mutating func item() throws(Unusual) -> Item {
        try open(UInt8(ascii: "{"))
        var item = Item()
        if try closes(UInt8(ascii: "}")) { return item }
        var seen: UInt16 = 0
        repeat {
            let key = ItemKey(try key())
            guard seen & key.rawValue == 0 else { throw Unusual() }
            seen |= key.rawValue
            switch key {
            case .labels: item.labels = try stringMap() ?? [:]
            case .annotations: item.annotations = try stringMap() ?? [:]
            case .status: item.status = try status()
            case .startsAt: item.startsAt = try date()
            case .endsAt: item.endsAt = try date()
            case .fingerprint: item.fingerprint = try stringOrNull().flatMap { $0.isEmpty ? nil : $0 }
            case .generatorURL: item.url = try stringOrNull()
            case .other: try skipScalar()
            }
        } while try next(closing: UInt8(ascii: "}"))
        return item
    }

    /// A status as `AlertmanagerDecoder` reads it; `firing` and `resolved` are recognised on bytes.
    private mutating func status() throws(Unusual) -> AlertStatus? {
        skipWhitespace()
        if try literal("null") { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Unusual() }
        let text: String
        if let run = try asciiRun() {
            if Self.equals(run, "firing") { return .firing }
            if Self.equals(run, "resolved") { return .resolved }
            text = String(decoding: run, as: UTF8.self)
        } else {
            text = try string()
        }
        guard let status = AlertStatus(rawValue: text.lowercased()) else { throw Unusual() }
        return status
    }

    /// A time given as a string, read as `JSONField.date` reads it; numbers (epoch times) take the general path.
    ///
    /// Go's zero time is recognised on bytes when the string is ASCII, where `hasPrefix` compares bytes.
    private mutating func date() throws(Unusual) -> Date? {
        skipWhitespace()
        if try literal("null") { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Unusual() }
        let text: String
        if let run = try asciiRun() {
            let zeroTime: StaticString = "0001-01-01"
            if run.isEmpty
                || (run.count >= 10 && Self.equals(UnsafeBufferPointer(rebasing: run[0..<10]), zeroTime))
            {
                return nil
            }
            text = String(decoding: run, as: UTF8.self)
        } else {
            text = try string()
            if text.isEmpty || Timestamp.isZeroTime(text) { return nil }
        }
        guard let date = Timestamp.parse(text) else { throw Unusual() }
        return date
    }

    /// At an opening quote: the string's bytes when it is ASCII without escapes, and past it; else nil, not moved.
    private mutating func asciiRun() throws(Unusual) -> UnsafeBufferPointer<UInt8>? {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            let byte = bytes[end]
            guard byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            guard byte >= 0x20 else { throw Unusual() }
            end += 1
        }
        guard end < bytes.count else { throw Unusual() }
        let run = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
        index = end + 1
        return run
    }

    private mutating func stringMap() throws(Unusual) -> [String: String]? {
        skipWhitespace()
        if try literal("null") { return nil }
        try open(UInt8(ascii: "{"))
        if try closes(UInt8(ascii: "}")) { return [:] }
        // Room for the labels of most alerts at once (growing from empty rehashed three times for four labels).
        var map = [String: String](minimumCapacity: 8)
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Unusual() }
            let key = try string()
            try colon()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Unusual() }
            // A repeated key (or two spellings Swift holds equal) takes the general path, which says what it keeps.
            guard map.updateValue(try string(), forKey: key) == nil else { throw Unusual() }
        } while try next(closing: UInt8(ascii: "}"))
        return map
    }

    // MARK: JSON, as strict as JSONParser

    /// An object key of printable ASCII without escapes, followed by `:`; any other key takes the general path, so
    /// that no escaped or canonically equivalent spelling (`l\u0061bels`, a Kelvin sign for `K`) passes for another.
    private mutating func key() throws(Unusual) -> UnsafeBufferPointer<UInt8> {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Unusual() }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] >= 0x20, bytes[index] < 0x7F, bytes[index] != UInt8(ascii: "\\") else { throw Unusual() }
            index += 1
        }
        guard index < bytes.count else { throw Unusual() }
        let key = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        try colon()
        return key
    }

    private mutating func colon() throws(Unusual) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Unusual() }
        index += 1
    }

    private mutating func open(_ byte: UInt8) throws(Unusual) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw Unusual() }
        index += 1
    }

    /// After an opening bracket: true (and past it) when the container is empty.
    private mutating func closes(_ byte: UInt8) throws(Unusual) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Unusual() }
        guard bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// After a member: true past a `,`, false past the closing bracket.
    private mutating func next(closing byte: UInt8) throws(Unusual) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Unusual() }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == byte else { throw Unusual() }
        index += 1
        return false
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// True (and past it) when the next value is the literal `word`.
    private mutating func literal(_ word: StaticString) throws(Unusual) -> Bool {
        guard index < bytes.count, bytes[index] == word.utf8Start[0] else { return false }
        guard bytes.count - index >= word.utf8CodeUnitCount else { throw Unusual() }
        for offset in 1..<word.utf8CodeUnitCount where bytes[index + offset] != word.utf8Start[offset] {
            throw Unusual()
        }
        index += word.utf8CodeUnitCount
        return true
    }

    private mutating func stringOrNull() throws(Unusual) -> String? {
        skipWhitespace()
        if try literal("null") { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Unusual() }
        return try string()
    }

    /// A value that is neither an object nor an array, read and dropped.
    private mutating func skipScalar() throws(Unusual) {
        skipWhitespace()
        guard index < bytes.count else { throw Unusual() }
        switch bytes[index] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default:
            if try literal("null") { return }
            if try literal("true") { return }
            guard try literal("false") else { throw Unusual() }
        }
    }

    /// A number as `JSONParser` accepts it: no leading zero, digits after `.` and after an exponent.
    private mutating func number() throws(Unusual) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits == 1 || (integerDigits > 1 && bytes[integerStart] != UInt8(ascii: "0")) else {
            throw Unusual()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Unusual() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { throw Unusual() }
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index - start
    }

    /// A string at its opening quote. Runs without escapes are read in place; escapes other than a `\u` surrogate
    /// are decoded as `JSONParser` decodes them; the bytes must be valid UTF-8.
    private mutating func string() throws(Unusual) -> String {
        index += 1
        let start = index
        var union: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if union < 0x80 { return String(decoding: run, as: UTF8.self) }
                guard let text = String(validating: run, as: UTF8.self) else { throw Unusual() }
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Unusual() }
            union |= byte
            index += 1
        }
        throw Unusual()
    }

    private mutating func escapedString(from start: Int) throws(Unusual) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scratch, as: UTF8.self) else { throw Unusual() }
                return text
            case UInt8(ascii: "\\"):
                try escape()
            case 0x00..<0x20:
                throw Unusual()
            default:
                scratch.append(byte)
            }
        }
        throw Unusual()
    }

    private mutating func escape() throws(Unusual) {
        guard index < bytes.count else { throw Unusual() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard bytes.count - index >= 4 else { throw Unusual() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let digit = bytes[index]
                index += 1
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
                default: throw Unusual()
                }
            }
            // Surrogates (paired, or lone and replaced) are JSONParser's to read.
            guard let scalar = Unicode.Scalar(value) else { throw Unusual() }
            UTF8.encode(scalar) { scratch.append($0) }
        default:
            throw Unusual()
        }
    }
}

extension AlertmanagerBodyReader {
    /// The top-level keys the reader knows; `other` keys are checked to be scalars and dropped, as the decoder does.
    fileprivate enum TopKey: UInt16 {
        case alerts = 1, status = 2, groupKey = 4, commonLabels = 8, commonAnnotations = 16, groupLabels = 32
        case receiver = 64, externalURL = 128, version = 256
        case other = 0

        static let all: [(StaticString, TopKey)] = [
            ("alerts", .alerts), ("status", .status), ("groupKey", .groupKey), ("commonLabels", .commonLabels),
            ("commonAnnotations", .commonAnnotations), ("groupLabels", .groupLabels), ("receiver", .receiver),
            ("externalURL", .externalURL), ("version", .version),
        ]

        init(_ key: UnsafeBufferPointer<UInt8>) {
            self = Self.all.first { AlertmanagerBodyReader.equals(key, $0.0) }?.1 ?? .other
        }
    }

    /// The keys of one alert the reader knows.
    fileprivate enum ItemKey: UInt16 {
        case labels = 1, annotations = 2, status = 4, startsAt = 8, endsAt = 16, fingerprint = 32, generatorURL = 64
        case other = 0

        static let all: [(StaticString, ItemKey)] = [
            ("labels", .labels), ("annotations", .annotations), ("status", .status), ("startsAt", .startsAt),
            ("endsAt", .endsAt), ("fingerprint", .fingerprint), ("generatorURL", .generatorURL),
        ]

        init(_ key: UnsafeBufferPointer<UInt8>) {
            self = Self.all.first { AlertmanagerBodyReader.equals(key, $0.0) }?.1 ?? .other
        }
    }

    fileprivate static func equals(_ key: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard key.count == word.utf8CodeUnitCount, let base = key.baseAddress else { return false }
        return memcmp(base, word.utf8Start, key.count) == 0
    }
}
