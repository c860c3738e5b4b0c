/// The heartbeat row read back differs from the one just written: reads do not see committed writes.
public struct StoreProbeFailure: Error, Sendable, CustomStringConvertible {
    public let written: Double
    public let read: Double?

    public var description: String {
        "wrote heartbeat \(written) but read \(read.map { String($0) } ?? "nothing") back"
    }
}
