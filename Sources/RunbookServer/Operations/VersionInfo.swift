import Foundation
import RunbookCore

/// What `/__version__` reports: the release, the git commit it was built from and when it was built.
///
/// The commit and date come from, in order: the variables `RUNBOOK_GIT_COMMIT` and `RUNBOOK_BUILD_DATE`; a
/// `version.json` file written when the binary is built (`{"commit": "...", "build_date": "..."}`, read from
/// `RUNBOOK_VERSION_FILE` or the working folder; docs/CONFIGURATION.md has the command); else `unknown`.
public struct VersionInfo: Codable, Sendable, Equatable {
    public var version: String
    public var commit: String
    public var buildDate: String

    enum CodingKeys: String, CodingKey {
        case version
        case commit
        case buildDate = "build_date"
    }

    /// A version from its parts.
    public init(version: String = RunbookVersion.current, commit: String = "unknown", buildDate: String = "unknown") {
        self.version = version
        self.commit = commit
        self.buildDate = buildDate
    }

    /// The version from the environment, else from the contents of a `version.json` file, else `unknown`.
    public static func resolve(environment: [String: String], versionFile: Data?) -> VersionInfo {
        var info = VersionInfo()
        if let versionFile, let written = try? JSONDecoder().decode(Written.self, from: versionFile) {
            info.commit = written.commit ?? info.commit
            info.buildDate = written.buildDate ?? info.buildDate
        }
        if let commit = environment["RUNBOOK_GIT_COMMIT"], !commit.isEmpty {
            info.commit = commit
        }
        if let date = environment["RUNBOOK_BUILD_DATE"], !date.isEmpty {
            info.buildDate = date
        }
        return info
    }

    private struct Written: Decodable {
        var commit: String?
        var buildDate: String?

        enum CodingKeys: String, CodingKey {
            case commit
            case buildDate = "build_date"
        }
    }
}
