import Foundation
import RunbookCore
import Testing

struct BindingRuleTests {
    /// 2026-12-01T09:30:00Z.
    static let day = Date(timeIntervalSince1970: 1_796_117_400)
    static let matched = [
        Match(entry: "a.md#disk", title: "Disk", score: 0.9,
              evidence: [Evidence(term: "disk", alertField: "alertname", entryField: "title", weight: 0.9)]),
        Match(entry: "a.md#other", title: "Other", score: 0.4, evidence: []),
    ]
    static let titles = ["a.md#disk": "Disk", "a.md#other": "Other", "b.md#chosen": "Chosen"]

    static func resolve(_ binding: Binding?) -> BindingRule.Resolution {
        BindingRule.resolve(binding: binding, entryTitle: { titles[$0] }) { matched }
    }

    @Test
    func withoutABindingTheMatcherDecides() {
        let resolution = Self.resolve(nil)
        #expect(resolution.matches == Self.matched)
        #expect(resolution.outcome == .unbound)
    }

    @Test
    func theBoundEntryComesFirstWithFullConfidenceAndWhoChoseIt() {
        let binding = Binding(key: "DiskFull db", entryID: "b.md#chosen", createdBy: "ana", createdAt: Self.day)
        let resolution = Self.resolve(binding)
        #expect(resolution.outcome == .bound(entryID: "b.md#chosen"))
        #expect(resolution.matches.map(\.entry) == ["b.md#chosen", "a.md#disk", "a.md#other"])
        #expect(resolution.matches[0].score == 1.0)
        #expect(resolution.matches[0].title == "Chosen")
        #expect(resolution.matches[0].evidence.map(\.term) == ["chosen by ana on 2026-12-01"])
    }

    @Test
    func bindingToTheMatchersOwnAnswerListsItOnce() {
        let binding = Binding(key: "k", entryID: "a.md#disk", createdBy: "ana", createdAt: Self.day)
        #expect(Self.resolve(binding).matches.map(\.entry) == ["a.md#disk", "a.md#other"])
    }

    @Test
    func aNoneBindingKeepsTheCandidatesButNoneIsConfident() {
        let binding = Binding(key: "k", entryID: nil, createdBy: "ana", createdAt: Self.day)
        let resolution = Self.resolve(binding)
        #expect(resolution.outcome == .none)
        #expect(resolution.matches.map(\.entry) == ["a.md#disk", "a.md#other"])
        #expect(resolution.matches.allSatisfy { $0.score == 0 })
        #expect(resolution.matches[0].evidence[0].term
            == "an operator said no entry fits this key, chosen by ana on 2026-12-01")
    }

    @Test
    func aBindingToAnEntryTheLibraryLacksIsStaleAndNeverAppliedToAnother() {
        let binding = Binding(key: "k", entryID: "gone.md#disk", createdBy: "ana", createdAt: Self.day)
        let resolution = Self.resolve(binding)
        #expect(resolution.outcome == .stale(entryID: "gone.md#disk"))
        #expect(resolution.matches == Self.matched)
    }

    @Test
    func staleListsOnlyBindingsToMissingEntries() {
        let bindings = [
            Binding(key: "a", entryID: "a.md#disk", createdBy: "ana", createdAt: Self.day),
            Binding(key: "b", entryID: nil, createdBy: "ana", createdAt: Self.day),
            Binding(key: "c", entryID: "gone.md#x", createdBy: "ana", createdAt: Self.day),
        ]
        #expect(BindingRule.stale(bindings) { Self.titles[$0] != nil }.map(\.key) == ["c"])
    }

    @Test
    func theNearestIdsOfAMistypedEntryComeFirst() {
        let ids = ["a.md#disk-full", "a.md#cpu", "b.md#disk", "c.md#memory"]
        #expect(EntryIDSuggestion.nearest(to: "a.md#diskful", in: ids, limit: 2) == ["a.md#disk-full", "b.md#disk"])
        #expect(EntryIDSuggestion.nearest(to: "z.md#cpu", in: ids, limit: 1) == ["a.md#cpu"])
    }
}

struct BindingDayTests {
    @Test(arguments: [
        (0.0, "1970-01-01"), (1_796_117_400, "2026-12-01"), (951_782_400, "2000-02-29"), (1_750_000_000, "2025-06-15"),
        (-86_400, "1969-12-31"), (1_735_689_599, "2024-12-31"),
    ])
    func chosenByNamesTheUTCDay(seconds: Double, day: String) {
        let binding = Binding(key: "k", entryID: nil, createdBy: "ana", createdAt: Date(timeIntervalSince1970: seconds))
        #expect(binding.chosenBy == "chosen by ana on \(day)")
    }
}
