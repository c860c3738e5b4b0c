import ArgumentParser
import RunbookCore

/// `--runbooks DIR…`: the library folders for commands that also take other arguments.
struct LibraryOptions: ParsableArguments {
    @Option(
        name: .customLong("runbooks"),
        help: ArgumentHelp("A runbook library folder (repeat for several).", valueName: "dir")
    )
    var folders: [String] = []

    func validate() throws {
        if folders.isEmpty {
            throw ValidationError("give at least one runbook folder with --runbooks DIR")
        }
    }

    func load() throws -> LibraryLoader.Loaded {
        try LibraryLoader().load(folders: folders)
    }
}
