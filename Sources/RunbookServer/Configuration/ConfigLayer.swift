/// Where a setting's value came from, lowest precedence first.
public enum ConfigLayer: String, Sendable, Equatable, Comparable, CaseIterable {
    case defaults = "default"
    case file
    case environment
    case flag

    public static func < (lhs: ConfigLayer, rhs: ConfigLayer) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
