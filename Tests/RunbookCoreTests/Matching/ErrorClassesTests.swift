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
        let chat = ErrorClasses("the nightly sync failed again:\nraised unexpected: HTTPError('401 Client Error')")
        #expect(chat.conflict(with: entry, mentioned: ErrorClasses(""))?.alert == "HTTPError", "a class in the text")
        let longer = ErrorClasses("LinkedInApiException: 401 EXPIRED_ACCESS_TOKEN")
        #expect(longer.conflict(with: entry, mentioned: longer) != nil, "a longer class is another class")
    }

    /// `# Apps` > `## Shop` > `### ApiException crm_shop.tasks.sync_contact_with_crm`, beside a latency section.
    static let library = MatchFixtures.library([
        MatchFixtures.entry("apps.md", "Apps"),
        MatchFixtures.entry("apps.md", "Shop", path: ["Apps"], parent: "apps.md#apps"),
        MatchFixtures.entry(
            "apps.md", "ApiException crm_shop.tasks.sync_contact_with_crm",
            text: "The CRM token for the shop expired: rotate it and redeploy the shop.",
            path: ["Apps", "Shop"], parent: "apps.md#shop"),
        MatchFixtures.entry("apps.md", "Shop checkout latency", text: "Scale the shop's web pods.",
                            path: ["Apps", "Shop"], parent: "apps.md#shop"),
    ])
    static let entry = "apps.md#apiexception-crm-shop-tasks-sync-contact-with-crm"

    @Test func anEntryKeyedToAnotherExceptionIsACandidateNeverTheAnswer() throws {
        let index = MatchIndex(library: Self.library)
        let other = MatchFixtures.alert(
            title: #"GitHubException: 401 {"message": "Bad credentials"}"#,
            text: "shop task sync_contact failed: the token was refused", labels: ["project": "shop"])
        let first = try #require(index.match(other).first)
        #expect(first.entry == Self.entry)
        #expect(first.score <= ServiceScope.ceiling)
        #expect(first.evidence.first?.term == "GitHubException: this entry is for ApiException")
        let own = MatchFixtures.alert(
            title: "ApiException: (401)", text: "shop task sync_contact failed: the token was refused",
            labels: ["project": "shop"])
        let answer = try #require(index.match(own).first)
        #expect(answer.entry == Self.entry)
        #expect(answer.score >= MatchIndex.defaultThreshold, "\(answer.evidence.first?.term ?? "")")
        #expect(answer.evidence.allSatisfy { $0.weight >= 0 })
    }

    @Test func anEntryKeyedToAnExceptionNeedsMoreThanItsProductsName() throws {
        let index = MatchIndex(library: Self.library)
        // The shop's other trouble: it says `shop` (the section's word) and `error` (`exception` only as a related
        // word), nothing of the task the entry is for.
        let memory = MatchFixtures.alert(
            title: "Shop production: Error R14 (Memory quota exceeded) on web dynos, the shop is slow")
        let match = try #require(index.match(memory).first { $0.entry == Self.entry })
        #expect(match.score <= ServiceScope.ceiling)
        #expect(match.evidence.first?.term == "keyed to ApiException, an exception this alert never names")
        // The entry's own failure, told without the class: its task's words name it.
        let sync = MatchFixtures.alert(
            title: "Shop production: CRM contact sync failing (401) since the token rotation")
        let answer = try #require(index.match(sync).first)
        #expect(answer.entry == Self.entry)
        #expect(answer.evidence.allSatisfy { $0.weight >= 0 })
    }
}
