import ArgumentParser
import Foundation
import RunbookServer

/// `runbook config`: check a server config file, or show the settings the server would run with.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check or show the server's configuration.",
        subcommands: [Check.self, Show.self]
    )

    /// `runbook config check FILE`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a YAML config file.",
            discussion: """
                Reports unknown keys (with the key you probably meant), values of the wrong type and bad \
                durations or sizes, each with its key and line. Checks notifications too: channel types and \
                settings, URLs, signing secrets, ${VARIABLE} secrets that are not set in the environment, routes \
                naming unknown channels, invalid matchers and duplicate names. Exits 2 when there are errors, 0 \
                when the file is fine.

                Example:
                  runbook config check /etc/runbook.yml
                """
        )

        @Argument(help: ArgumentHelp("The config file.", valueName: "file"))
        var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read config file '\(file)'")
            }
            do {
                let loaded = try ServerConfiguration.load(
                    file: ConfigFile(yaml: String(decoding: data, as: UTF8.self)),
                    secrets: ProcessInfo.processInfo.environment
                )
                for warning in loaded.warnings { print("\(file): \(warning)") }
                print("\(file): ok")
            } catch {
                for issue in error.issues {
                    FileHandle.standardError.write(Data("\(file): \(issue)\n".utf8))
                }
                throw ExitCode(CLIExit.usage)
            }
        }
    }

    /// `runbook config show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration as YAML, each setting with where it came from.",
            discussion: """
                Applies defaults, the config file (--config or RUNBOOK_CONFIG), RUNBOOK_… variables and flags \
                exactly as `runbook serve` would. Credentials in URLs are printed as [OMITTED].

                Example:
                  RUNBOOK_LOG_LEVEL=debug runbook config show --config runbook.yml --listen 0.0.0.0:8080
                """
        )

        @OptionGroup var options: ServeCommand.Options

        func run() throws {
            let loaded = try options.load()
            for warning in loaded.warnings {
                FileHandle.standardError.write(Data("\(warning)\n".utf8))
            }
            print(loaded.renderedYAML(), terminator: "")
        }
    }
}
