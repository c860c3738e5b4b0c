import Testing

@testable import RunbookCore

struct TableOfContentsCheckTests {
    static func products(_ count: Int, toc: [String]?, tocTitle: String? = nil) -> LintDocumentBuilder {
        var doc = LintDocumentBuilder("ops.md")
        if let tocTitle { doc.text(tocTitle) }
        for name in toc ?? [] { doc.text("* [\(name)](#\(LintDocumentBuilder.slug(name)))") }
        doc.heading(1, "Products")
        for index in 1...count {
            doc.heading(2, "Product \(index)")
            doc.heading(3, "Procedure \(index)")
            doc.text("Steps for the procedure of product \(index), written out in full.")
        }
        return doc
    }

    @Test func aLongDocumentWithoutTableOfContentsIsReported() throws {
        let findings = Linter().lint(.of(Self.products(4, toc: nil)))
        #expect(findings.locations("toc-missing") == ["ops.md:1"])
        #expect(findings.first?.message.contains("8 sections") == true)
    }

    @Test func aShortDocumentNeedsNone() {
        #expect(Linter().lint(.of(Self.products(3, toc: nil))).locations("toc-missing").isEmpty)
        let configuration = LintConfiguration(tableOfContentsMinimumSections: 4)
        #expect(Linter(configuration: configuration).lint(.of(Self.products(3, toc: nil)))
            .locations("toc-missing") == ["ops.md:1"])
    }

    @Test func aCompleteTableOfContentsIsInStep() {
        let names = (1...4).map { "Product \($0)" }
        let findings = Linter().lint(.of(Self.products(4, toc: names)))
        #expect(!findings.contains { $0.rule.hasPrefix("toc-") })
    }

    @Test func aTableOfContentsMissingAHeadingOrLinkingAGoneOneIsOutOfDate() throws {
        let names = ["Product 1", "Product 2", "Product 33", "Product 4"]
        let findings = Linter().lint(.of(Self.products(5, toc: names)))
        // The stale link is one fault: a broken-anchor error, not also a toc warning, and the heading it meant
        // (Product 3, line 12) is not reported as missing either.
        #expect(findings.locations("toc-out-of-date") == ["ops.md:18"])
        #expect(findings.last { $0.rule == "toc-out-of-date" }?.message.contains("* [Product 5](#product-5)") == true)
        #expect(findings.locations("broken-anchor") == ["ops.md:3"])
        let stale = try #require(findings.first { $0.rule == "broken-anchor" })
        #expect(stale.message.contains("did you mean #product-3?"))
    }

    @Test func withBrokenAnchorOffTheTableOfContentsReportsTheStaleLinkOnce() throws {
        let names = ["Product 1", "Product 2", "Product 33", "Product 4"]
        let linter = Linter(configuration: LintConfiguration(disabledRules: ["broken-anchor"]))
        let findings = linter.lint(.of(Self.products(5, toc: names)))
        #expect(findings.locations("toc-out-of-date") == ["ops.md:3", "ops.md:18"])
        let stale = try #require(findings.first { $0.rule == "toc-out-of-date" })
        #expect(stale.message.contains("#product-33") && stale.message.contains("point it at #product-3."))
    }

    @Test func aGeneratedTableOfContentsCounts() {
        var doc = Self.products(4, toc: nil)
        doc = { var d = LintDocumentBuilder("ops.md"); d.text("[[_TOC_]]"); return d }()
        for index in 1...9 {
            doc.heading(2, "Section \(index)")
            doc.text("Body of section \(index), long enough to be a real section of text.")
        }
        #expect(!Linter().lint(.of(doc)).contains { $0.rule.hasPrefix("toc-") })
    }

    @Test func aGeneratorCommentDoesNotHideAStaleList() {
        var doc = LintDocumentBuilder("ops.md")
        doc.text("<!-- START doctoc generated TOC please keep comment here to allow auto update -->")
        doc.text("- [Resize the cluster](#resize-the-cluster)")
        doc.text("- [Reallocate shards](#reallocate-shards)")
        doc.text("<!-- END doctoc generated TOC please keep comment here to allow auto update -->")
        doc.heading(1, "Resize the cluster")
        doc.text("Add nodes in the console, then wait for the cluster to go green again.")
        doc.heading(1, "Reallocate failed shards")
        doc.text("Retry the allocation of failed shards with the reroute API and watch them.")
        let findings = Linter().lint(.of(doc))
        #expect(findings.locations("toc-out-of-date") == ["ops.md:7"])
        #expect(findings.locations("broken-anchor") == ["ops.md:3"])
    }

    @Test func deepSubSectionsUnderALoneTitleDoNotCallForATableOfContents() {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(1, "TargetDown")
        doc.heading(2, "Diagnosis and mitigation")
        doc.heading(3, "Potential issues")
        for index in 1...9 {
            doc.heading(4, "Issue \(index)")
            doc.text("What goes wrong in case \(index) and how to put it right again.")
        }
        #expect(Linter().lint(.of(doc)).locations("toc-missing").isEmpty)
        #expect(TableOfContentsCheck.outline(of: doc.document()).map(\.title) == ["Diagnosis and mitigation",
                                                                                    "Potential issues"])
    }

    @Test func aListUnderAContentsTitleLaterInTheDocumentCounts() throws {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(1, "Service")
        doc.heading(2, "Overview")
        doc.text("What the service does and who owns it, for the on-call reading it first.")
        doc.heading(2, "Contact")
        doc.text("The team's channel and pager rotation are listed in the service catalogue.")
        doc.text("**Contents**")
        doc.text("")
        doc.text("- [Overview](#overview)")
        doc.text("- [Contact](#contact)")
        for index in 1...6 {
            doc.heading(2, "Section \(index)")
            doc.text("Body of section \(index), long enough to be a real section of text.")
        }
        let toc = try #require(TableOfContents.find(in: doc.document()))
        #expect(toc.line == 8 && !toc.isGenerated)
        #expect(Linter().lint(.of(doc)).locations("toc-missing").isEmpty)
    }
}
