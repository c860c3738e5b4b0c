extension BoundedRegex {
    /// A parsed pattern.
    indirect enum Node: Sendable, Hashable {
        case empty
        case scalar(Unicode.Scalar)
        case any
        case set(ScalarSet)
        case concatenation([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
        case start
        case end
    }

    /// Reads a pattern into a ``Node`` by recursive descent, refusing what cannot run in linear time.
    struct Parser {
        private let scalars: [Unicode.Scalar]
        private var position = 0
        private var depth = 0
        private static let maxDepth = 50

        init(_ pattern: String) {
            scalars = Array(pattern.unicodeScalars)
        }

        mutating func parse() throws(BoundedRegexError) -> (node: Node, caseInsensitive: Bool) {
            let caseInsensitive = consume("(?i)")
            let node = try alternation()
            if position < scalars.count {
                throw malformed("unmatched `)` at character \(position + 1)")
            }
            return (node, caseInsensitive)
        }

        private var current: Unicode.Scalar? {
            position < scalars.count ? scalars[position] : nil
        }

        private mutating func consume(_ text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            guard scalars.count - position >= wanted.count,
                  Array(scalars[position..<position + wanted.count]) == wanted
            else { return false }
            position += wanted.count
            return true
        }

        private func malformed(_ reason: String) -> BoundedRegexError {
            BoundedRegexError(reason: reason, isLimit: false)
        }

        private mutating func alternation() throws(BoundedRegexError) -> Node {
            var branches = [try concatenation()]
            while current == "|" {
                position += 1
                branches.append(try concatenation())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func concatenation() throws(BoundedRegexError) -> Node {
            var items: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                var atom = try self.atom()
                atom = try quantified(atom)
                items.append(atom)
            }
            return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concatenation(items)
        }

        private mutating func quantified(_ atom: Node) throws(BoundedRegexError) -> Node {
            let bounds: (min: Int, max: Int?)
            switch current {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            case "{":
                guard let counted = try countedRepetition() else { return atom }
                bounds = counted
            default: return atom
            }
            if current != "{" { position += 1 }
            if current == "?" { position += 1 }
            let operatorPosition = position + 1
            if let next = current, "*+?".unicodeScalars.contains(next) {
                throw malformed("a repetition operator follows another at character \(operatorPosition)")
            }
            // `a{1000}{1000}` would repeat a repetition (RE2 refuses it too); a `{` that is no count stays literal.
            if current == "{", try countedRepetition() != nil {
                throw malformed("a repetition operator follows another at character \(operatorPosition)")
            }
            if case .start = atom { throw malformed("`^` cannot be repeated") }
            if case .end = atom { throw malformed("`$` cannot be repeated") }
            return .repetition(atom, min: bounds.min, max: bounds.max)
        }

        /// `{n}`, `{n,}` or `{n,m}` at the current `{`, consumed up to its `}`; nil (nothing consumed) when the
        /// brace does not start one, and it is then a literal `{`, as in RE2.
        private mutating func countedRepetition() throws(BoundedRegexError) -> (min: Int, max: Int?)? {
            var index = position + 1
            func number() -> Int? {
                var digits = ""
                while index < scalars.count, ("0"..."9").contains(scalars[index]), digits.count < 6 {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                return Int(digits)
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if index < scalars.count, scalars[index] == "," {
                index += 1
                high = number()
            }
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            let limit = BoundedRegex.maxRepeatCount
            guard low <= limit, (high ?? 0) <= limit else {
                throw BoundedRegexError(reason: "a repetition count is over \(limit)", isLimit: true)
            }
            if let high, high < low { throw malformed("the repetition {\(low),\(high)} counts down") }
            position = index
            return (low, high)
        }

        private mutating func atom() throws(BoundedRegexError) -> Node {
            guard let scalar = current else { throw malformed("the pattern ends too early") }
            position += 1
            switch scalar {
            case "(": return try group()
            case "[": return .set(try characterClass())
            case ".": return .any
            case "^": return .start
            case "$": return .end
            case "\\": return try escape(inClass: false)
            case "*", "+", "?":
                throw malformed("`\(scalar)` at character \(position) has nothing to repeat")
            default: return .scalar(scalar)
            }
        }

        private mutating func group() throws(BoundedRegexError) -> Node {
            depth += 1
            guard depth <= Self.maxDepth else {
                throw BoundedRegexError(reason: "groups nest deeper than \(Self.maxDepth)", isLimit: true)
            }
            defer { depth -= 1 }
            if consume("?") {
                if consume(":") {
                } else if consume("P<") || consume("<") {
                    guard let first = current, first != "=", first != "!" else {
                        throw malformed("lookbehind `(?<=` and `(?<!` is not supported")
                    }
                    while let next = current, next != ">" { position += 1 }
                    guard consume(">") else { throw malformed("a group name is not closed by `>`") }
                } else if current == "=" || current == "!" {
                    throw malformed("lookahead `(?=` and `(?!` is not supported")
                } else {
                    throw malformed("only (?:…), (?P<name>…) and a leading (?i) are supported after `(?`")
                }
            }
            let inner = try alternation()
            guard consume(")") else { throw malformed("a `(` is not closed") }
            return inner
        }

        private mutating func characterClass() throws(BoundedRegexError) -> ScalarSet {
            var set = ScalarSet()
            set.negated = consume("^")
            var first = true
            while true {
                guard let scalar = current else { throw malformed("a `[` is not closed") }
                if scalar == "]", !first {
                    position += 1
                    return set
                }
                first = false
                position += 1
                var low: Unicode.Scalar = scalar
                if scalar == "\\" {
                    switch try escape(inClass: true) {
                    case .scalar(let literal): low = literal
                    case .set(let named):
                        guard !named.negated else { throw malformed("\\D, \\W and \\S are not supported in `[…]`") }
                        set.ranges += named.ranges
                        continue
                    default: throw malformed("unsupported escape in `[…]`")
                    }
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard var high = current else { throw malformed("a `[` is not closed") }
                    position += 1
                    if high == "\\" {
                        guard case .scalar(let literal) = try escape(inClass: true) else {
                            throw malformed("a range ends with a class escape")
                        }
                        high = literal
                    }
                    guard low.value <= high.value else { throw malformed("the range \(low)-\(high) is backwards") }
                    set.ranges.append(low.value...high.value)
                } else {
                    set.ranges.append(low.value...low.value)
                }
            }
        }

        private mutating func escape(inClass: Bool) throws(BoundedRegexError) -> Node {
            guard let scalar = current else { throw malformed("the pattern ends with `\\`") }
            position += 1
            switch scalar {
            case "d": return .set(.digits)
            case "D": return .set(ScalarSet.digits.inverted)
            case "w": return .set(.word)
            case "W": return .set(ScalarSet.word.inverted)
            case "s": return .set(.space)
            case "S": return .set(ScalarSet.space.inverted)
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            case "f": return .scalar("\u{0C}")
            case "v": return .scalar("\u{0B}")
            case "A" where !inClass: return .start
            case "z" where !inClass: return .end
            case "1"..."9": throw malformed("backreferences such as `\\\(scalar)` are not supported")
            default:
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    throw malformed("the escape `\\\(scalar)` is not supported")
                }
                return .scalar(scalar)
            }
        }
    }
}
