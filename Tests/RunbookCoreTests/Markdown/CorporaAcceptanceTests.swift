import Foundation
import Testing

@testable import RunbookCore

/// The three public collections in `../shared/corpora`: every file parses and follows the id rules, and the
/// one-alert-per-file runbooks come out as one entry each.
struct CorporaAcceptanceTests {
    /// True when a document is one alert's runbook: a single top heading, and every other heading a part
    /// heading or nested under one.
    private static func hasOneAlertLayout(_ headings: [Heading]) -> Bool {
        guard let first = headings.first, headings.filter({ $0.level <= first.level }).count == 1,
            first.part == nil else { return false }
        var partLevel: Int?
        for heading in headings.dropFirst() {
            if let level = partLevel, heading.level > level { continue }
            guard heading.part != nil else { return false }
            partLevel = heading.level
        }
        return true
    }

    @Test(.enabled(if: SharedFixtures.available), arguments: ["prometheus-operator", "openshift", "gitlab"])
    func everyFileParsesWithWellFormedUniqueIds(corpus: String) throws {
        let library = try CorpusSupport.library(SharedFixtures.corpora.appendingPathComponent(corpus), name: corpus)
        #expect(library.documents.count > 100)
        for document in library.documents {
            #expect(DocumentParserFuzzTests.violations(of: document).isEmpty, "\(document.file)")
            for entry in document.entries {
                let heading = document.headings.first { $0.line == entry.line }
                #expect(heading?.anchor == entry.anchor, "\(entry.id)")
                #expect(heading?.part == nil, "\(entry.id) is a part heading")
                #expect(entry.anchor.hasPrefix(Slug.github(entry.title)), "\(entry.id)")
            }
        }
        let ids = library.entries.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test(.enabled(if: SharedFixtures.available), arguments: [("prometheus-operator", 90), ("openshift", 230)])
    func oneAlertPerFileRunbooksAreOneEntryEach(corpus: String, atLeast: Int) throws {
        let library = try CorpusSupport.library(SharedFixtures.corpora.appendingPathComponent(corpus), name: corpus)
        var oneAlertFiles = 0
        for document in library.documents where Self.hasOneAlertLayout(document.headings) {
            oneAlertFiles += 1
            let title = try #require(document.headings.first)
            #expect(document.entries.map(\.id) == ["\(document.file)#\(title.anchor)"], "\(document.file)")
            let entry = try #require(document.entries.first)
            #expect(entry.parts.count == document.headings.filter { $0.part != nil }.count, "\(document.file)")
            #expect(entry.endLine == document.lines.lastIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 },
                    "\(document.file)")
        }
        #expect(oneAlertFiles >= atLeast)
    }

    @Test(.enabled(if: SharedFixtures.available))
    func alertRunbooksWithExtraSectionsKeepThemAsEntries() throws {
        let folder = SharedFixtures.corpora.appendingPathComponent("prometheus-operator")
        let library = try CorpusSupport.library(folder, name: "po")
        let document = try #require(library.documents.first { $0.file == "kubernetes/KubeAPIErrorBudgetBurn.md" })
        #expect(document.entries.map(\.anchor) == [
            "kubeapierrorbudgetburn", "critical", "warning", "runbook", "example-queries-for-slow-requests",
            "slow-read-requests", "slow-write-requests",
        ])
        #expect(document.entries[0].parts.map(\.kind) == [.impact])
        #expect(document.frontMatter?.contains("title:") == true)
    }

    @Test(.enabled(if: SharedFixtures.available))
    func gitlabServiceRunbooksHaveManySections() throws {
        let library = try CorpusSupport.library(SharedFixtures.corpora.appendingPathComponent("gitlab"), name: "gl")
        #expect(library.entries.count > 1_000)
        let noTitle = try #require(library.documents.first { $0.file == "frontend/gitlab-com-is-down.md" })
        #expect(noTitle.entries.map(\.anchor).contains("steps-to-check"))
        #expect(library.entries.contains { !$0.commands.isEmpty })
    }
}
