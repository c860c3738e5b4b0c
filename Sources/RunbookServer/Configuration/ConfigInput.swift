/// One setting's raw value before it is checked: a single value or a list (`runbooks`).
public enum ConfigInput: Sendable, Equatable {
    case scalar(String)
    case list([String])
}
