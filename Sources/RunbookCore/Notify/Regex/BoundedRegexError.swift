/// A pattern ``BoundedRegex`` refuses: what is wrong with it, and whether it is over a limit rather than malformed.
public struct BoundedRegexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for a person: `backreferences are not supported`.
    public var reason: String
    /// True when the pattern is valid but too long or too complex; false when it cannot be read.
    public var isLimit: Bool

    public var description: String { reason }
}
