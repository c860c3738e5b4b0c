/// Why the receiver could not do what a test asked.
public enum ReceiverError: Error, Sendable, CustomStringConvertible {
    /// The server did not come up.
    case notStarted
    /// A wait ran out of time; `recorded` requests had arrived by then.
    case timedOut(recorded: Int)

    public var description: String {
        switch self {
        case .notStarted: "the recording receiver did not start"
        case .timedOut(let recorded): "timed out waiting for the recording receiver (\(recorded) requests recorded)"
        }
    }
}
