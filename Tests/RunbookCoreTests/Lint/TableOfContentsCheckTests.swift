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
        #expect(findings.first?.message.contains("9 sections") == true)
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
        #expect(findings.locations("toc-out-of-date") == ["ops.md:3", "ops.md:12", "ops.md:18"])
        let stale = try #require(findings.first { $0.rule == "toc-out-of-date" })
        #expect(stale.message.contains("#product-33") && stale.message.contains("point it at #product-3."))
        #expect(findings.last { $0.rule == "toc-out-of-date" }?.message.contains("* [Product 5](#product-5)") == true)
        #expect(findings.locations("broken-anchor") == ["ops.md:3"])
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
