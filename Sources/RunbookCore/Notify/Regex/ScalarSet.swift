/// A character class of a ``BoundedRegex``: ranges of Unicode scalars, possibly negated.
struct ScalarSet: Sendable, Hashable {
    var ranges: [ClosedRange<UInt32>] = []
    var negated = false

    static let digits = ScalarSet(ranges: [0x30...0x39])
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let space = ScalarSet(ranges: [0x09...0x0A, 0x0C...0x0D, 0x20...0x20])

    /// The same set, negated.
    var inverted: ScalarSet {
        ScalarSet(ranges: ranges, negated: !negated)
    }

    /// True when `scalar` is in the set; with `caseInsensitive`, its ASCII other case counts too.
    func contains(_ scalar: Unicode.Scalar, caseInsensitive: Bool) -> Bool {
        var found = inRanges(scalar.value)
        if !found, caseInsensitive, let other = ScalarSet.otherCase(scalar) {
            found = inRanges(other.value)
        }
        return found != negated
    }

    private func inRanges(_ value: UInt32) -> Bool {
        ranges.contains { $0.contains(value) }
    }

    /// The other case of an ASCII letter, nil for anything else.
    static func otherCase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: Unicode.Scalar(scalar.value + 0x20)
        case 0x61...0x7A: Unicode.Scalar(scalar.value - 0x20)
        default: nil
        }
    }

    /// A scalar folded for case-insensitive comparison: lowercase when it has a single-scalar lowercase.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }
}
