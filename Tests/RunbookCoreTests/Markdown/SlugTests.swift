import Testing

@testable import RunbookCore

struct SlugTests {
    @Test(arguments: [
        ("Alerts / Monitoring", "alerts--monitoring"),
        ("MemoryUsageWarning operations-<ENVIRONMENT>", "memoryusagewarning-operations-environment"),
        ("What to remove should an alert happen?", "what-to-remove-should-an-alert-happen"),
        ("pg_txid_xmin_age Saturation", "pg_txid_xmin_age-saturation"),
        ("Ünïcödé Straße", "ünïcödé-straße"),
        ("  two  spaces ", "--two--spaces-"),
        ("1. Review the errors", "1-review-the-errors"),
        ("Emoji 🔥 fire", "emoji--fire"),
        ("", ""),
    ])
    func slugFollowsGitHub(text: String, slug: String) {
        #expect(Slug.github(text) == slug)
    }

    @Test func repeatedSlugsGetNumberedSuffixes() {
        var counter = AnchorCounter()
        let anchors = ["a", "a", "a-1", "a", ""].map { counter.anchor(for: $0) }
        #expect(anchors == ["a", "a-1", "a-1-1", "a-2", ""])
    }
}
