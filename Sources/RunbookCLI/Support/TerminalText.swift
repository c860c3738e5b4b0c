import RunbookCore

/// Swift's `print`, with what it writes made `TerminalText.printable`: every `print` of the CLI goes through it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.printable(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

