import Testing

@testable import RunbookCore

struct ErrorClassesTests {
    @Test func readsTheExceptionClassesATextNames() {
        let sentry = ErrorClasses(#"GithubException: 401 {"message": "Bad credentials"}"#)
        #expect(sentry.conflict(with: ErrorClasses("ApiException hubspot sync"), mentioned: sentry)
            .map { "\($0.alert) / \($0.entry)" } == "GithubException / ApiException")
        #expect(!ErrorClasses("NoMethodError: undefined method '[]' for nil").isEmpty)
        #expect(!ErrorClasses("raised IOError while reading").isEmpty, "two letters before the suffix are a class")
        #expect(ErrorClasses("Error R14 (Memory quota exceeded)").isEmpty, "Error alone names no class")
        #expect(ErrorClasses("an unexpected error, then a terror").isEmpty, "a class is written with a capital")
        #expect(ErrorClasses("disk full on /var").isEmpty)
    }

    @Test func agreesWhenTheClassIsSharedMentionedOrMissing() {
        let entry = ErrorClasses("ApiException hubspot_xpro.tasks.sync_contact_with_hubspot")
        let same = ErrorClasses("ApiException: (401) Reason: Unauthorized")
        #expect(same.conflict(with: entry, mentioned: same) == nil)
        let wrapped = ErrorClasses("RetryError: task gave up")
        let trace = ErrorClasses("RetryError: task gave up\nCaused by ApiException: (401)")
        #expect(wrapped.conflict(with: entry, mentioned: trace) == nil, "the entry's class said in the text")
        let none = ErrorClasses("HubSpot contact sync failing (401)")
        #expect(none.conflict(with: entry, mentioned: none) == nil, "an alert that names no class is not judged")
        let longer = ErrorClasses("LinkedInApiException: 401 EXPIRED_ACCESS_TOKEN")
        #expect(longer.conflict(with: entry, mentioned: longer) != nil, "a longer class is another class")
    }

    @Test func anEntryKeyedToAnotherExceptionIsACandidateNeverTheAnswer() throws {
        let library = MatchFixtures.library([
            MatchFixtures.entry("apps.md", "Shop"),
            MatchFixtures.entry(
                "apps.md", "ApiException crm_shop.tasks.sync_contact_with_crm",
                text: "The CRM token for the shop expired: rotate it and redeploy the shop.",
                path: ["Shop"], parent: "apps.md#shop"),
            MatchFixtures.entry("apps.md", "Shop checkout latency", text: "Scale the shop's web pods.",
                                path: ["Shop"], parent: "apps.md#shop"),
        ])
        let index = MatchIndex(library: library)
        let other = MatchFixtures.alert(
            title: #"GitHubException: 401 {"message": "Bad credentials"}"#,
            text: "shop task sync_contact failed: the token was refused", labels: ["project": "shop"])
        let first = try #require(index.match(other).first)
        #expect(first.entry == "apps.md#apiexception-crm-shop-tasks-sync-contact-with-crm")
        #expect(first.score <= ServiceScope.ceiling)
        #expect(first.evidence.first?.term == "GitHubException: this entry is for ApiException")
        let own = MatchFixtures.alert(
            title: "ApiException: (401)", text: "shop task sync_contact failed: the token was refused",
            labels: ["project": "shop"])
        let answer = try #require(index.match(own).first)
        #expect(answer.entry == first.entry)
        #expect(answer.score >= MatchIndex.defaultThreshold, "\(answer.evidence.first?.term ?? "")")
        #expect(answer.evidence.allSatisfy { $0.weight >= 0 })
    }
}
