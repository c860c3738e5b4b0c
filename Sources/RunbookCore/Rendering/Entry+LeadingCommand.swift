extension Entry {
    /// The command block a person runs first: the Diagnosis's first block with something to run, else the entry's.
    ///
    /// Its `lines` are the commands to paste (no output, no annotations); its `text` is the whole block as written.
    public var leadingCommand: Command? {
        let diagnosis = part(.diagnosis)?.commands ?? []
        return (diagnosis + commands).first { !$0.lines.isEmpty }
    }
}
