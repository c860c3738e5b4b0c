import Foundation

/// A regular expression from a user (a silence or a route matcher), matched in time linear in the input.
///
/// Patterns are compiled to a small program and run by a Pike VM: every position of the input is visited once
/// with the set of program states alive there, so there is no backtracking, and `(a+)+b` costs what `a+b` costs.
/// A pattern is refused at creation when it is longer than ``maxPatternLength`` characters or compiles to more
/// than ``maxProgramSize`` instructions (counted repetitions such as `a{1000}` are expanded). A match runs under
/// a budget of ``stepBudget`` VM steps and gives up (nil) beyond it, so nothing from a user can hold the ingest
/// write transaction.
///
/// The syntax is the RE2 subset Alertmanager users write: literals, `.`, classes (`[a-z]`, `[^0-9]`, `\d \w \s`
/// and their negations), groups (`( )`, `(?: )`, `(?P<name> )`), alternation, `* + ? {n} {n,} {n,m}` (a trailing
/// `?` is accepted), `^`, `$`, and a leading `(?i)` for case-insensitive matching. Backreferences and lookaround
/// are refused: they cannot run in linear time.
///
/// ```swift
/// let regex = try BoundedRegex("(a+)+b")
/// regex.matchesWhole(String(repeating: "a", count: 4_000))   // false, at once
/// ```
public struct BoundedRegex: Sendable, Hashable {
    /// The longest pattern accepted, in characters.
    public static let maxPatternLength = 256
    /// The most instructions a pattern may compile to.
    public static let maxProgramSize = 2_000
    /// The largest count in `{n,m}`.
    public static let maxRepeatCount = 1_000
    /// The most VM steps one match may take; a few milliseconds of work.
    public static let stepBudget = 1_000_000

    enum Instruction: Sendable, Hashable {
        case scalar(Unicode.Scalar)
        case any
        case set(ScalarSet)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case match
    }

    /// The pattern as written.
    public let pattern: String
    let program: [Instruction]
    let caseInsensitive: Bool

    /// Compiles `pattern`; throws ``BoundedRegexError`` saying what is wrong or which limit it is over.
    public init(_ pattern: String) throws(BoundedRegexError) {
        guard pattern.count <= Self.maxPatternLength else {
            throw BoundedRegexError(
                reason: "the pattern has \(pattern.count) characters; at most \(Self.maxPatternLength) are allowed",
                isLimit: true)
        }
        var parser = Parser(pattern)
        let parsed = try parser.parse()
        var compiler = Compiler(caseInsensitive: parsed.caseInsensitive)
        try compiler.emit(parsed.node)
        try compiler.append(.match)
        self.pattern = pattern
        self.program = compiler.program
        self.caseInsensitive = parsed.caseInsensitive
    }

    public static func == (lhs: BoundedRegex, rhs: BoundedRegex) -> Bool {
        lhs.pattern == rhs.pattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
    }
}
