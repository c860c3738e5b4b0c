import ArgumentParser
import Foundation
import RunbookCore

extension LintFormat: ExpressibleByArgument {}

/// `runbook lint DIR…`: check a library against the runbook style guide.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a runbook library for what breaks during incidents.",
        discussion: """
            Finds missing or stale tables of contents, broken anchors and file links, alert entries without \
            Diagnosis or Mitigation, stubs, headings with variable parts, pasted secrets, code blocks without a \
            language and duplicate entry keys. Exits 1 when any finding is an error. A folder argument may also be \
            a single Markdown file. Links to the repository's code and folders (./infra/main.tf, ./src) are not \
            the library's business: they are checked only with --repo-root.

            Examples:
              runbook lint examples/runbooks
              runbook lint --format sarif runbooks/ > lint.sarif
              runbook lint --format github runbooks/     # annotations in a GitHub Actions log
              runbook lint --repo-root . docs/README.md  # also check links to the repository's code
              runbook lint --data /var/lib/runbook runbooks/   # also: bindings whose entry is gone
              runbook lint --database "$RUNBOOK_DATABASE" runbooks/   # the same, on PostgreSQL
            """
    )

    @Argument(help: ArgumentHelp("Runbook library folders or Markdown files.", valueName: "dir"))
    var folders: [String] = []

    @Option(help: "Output format: text, json, sarif or github.")
    var format: LintFormat = .text

    @Option(
        name: .customLong("repo-root"),
        help: ArgumentHelp(
            "The repository around the library: check links to its code and folders against it.", valueName: "dir"
        )
    )
    var repositoryRoot: String?

    @Flag(help: "List the rules and exit.")
    var rules = false

    @Option(help: ArgumentHelp(
        "The server's database folder: also report operators' bindings whose entry the library lacks.",
        valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp(
        "The server's PostgreSQL (as runbook serve --database): also report bindings whose entry the library lacks.",
        valueName: "postgres://…"))
    var database: String?

    func validate() throws {
        if folders.isEmpty && !rules { throw ValidationError("give at least one runbook folder") }
    }

    func run() async throws {
        var linter = Linter()
        if rules {
            for rule in LintRule.all {
                print("\(rule.id)\t\(rule.severity.rawValue)\t\(rule.summary)")
            }
            return
        }
        let loaded = try LibraryLoader().load(folders: folders)
        if let repositoryRoot {
            linter.configuration.repository = try RepositoryReader(root: repositoryRoot).repository(for: loaded)
        }
        var findings = linter.lint(loaded.library, existingFiles: loaded.existingFiles)
        if let data {
            findings += try await StaleBindingLint.findings(data: data, library: loaded.library)
        }
        if let database {
            findings += try await StaleBindingLint.findings(database: database, library: loaded.library)
        }
        if format == .sarif || format == .github {
            // Code-scanning tools place annotations by path from the repository root, not from the library folder.
            findings = findings.map { finding in
                var located = finding
                located.file = loaded.diskPaths[finding.file] ?? finding.file
                return located
            }
        }
        let report = LintReport.render(findings, format: format, toolVersion: RunbookVersion.current)
        if !report.isEmpty { print(report, terminator: report.hasSuffix("\n") ? "" : "\n") }
        if format == .text {
            let errors = findings.filter { $0.severity == .error }.count
            let summary = "\(findings.count) finding(s), \(errors) error(s) in \(loaded.library.documents.count) document(s)"
            // Standard output is buffered: flush it so that with 2>&1 the summary comes after the findings.
            fflush(nil)
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
        if findings.contains(where: { $0.severity == .error }) {
            throw ExitCode(CLIExit.notFound)
        }
    }
}
