import Foundation
import RunbookCore
import Testing

struct IncidentTargetTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let policy = IncidentPolicy(reopenWindow: 600)
    static let alert = Alert(source: .alertmanager, title: "DiskFull db1", dedupKey: "DiskFull/db1", groupKey: "disk")

    static func incident(_ id: Int64, _ state: IncidentState, resolvedAt seconds: Double? = nil) -> Incident {
        Incident(
            id: id, state: state, key: "DiskFull", title: "DiskFull db1", source: .alertmanager,
            groupKey: IncidentGroup.key(for: alert, key: "DiskFull"), openedAt: start, openedBy: "alertmanager",
            resolvedAt: seconds.map { start.addingTimeInterval($0) }, alertCount: 1, firingCount: state.isOpen ? 1 : 0)
    }

    /// What the store found, in the rule's order, and the incident the alert must be offered to.
    struct Lookup: Sendable, CustomTestStringConvertible {
        var name: String
        var ofAlert: Incident?
        var openInGroup: Incident?
        var lastResolvedInGroup: Incident?
        var expected: Int64?
        var testDescription: String { name }
    }

    static let lookups: [Lookup] = [
        Lookup(name: "nothing stored: a new incident", expected: nil),
        Lookup(name: "the open incident holding the alert comes first",
               ofAlert: incident(1, .acknowledged), openInGroup: incident(2, .triggered), expected: 1),
        Lookup(name: "else the open incident of its group",
               ofAlert: incident(1, .resolved, resolvedAt: 50), openInGroup: incident(2, .triggered), expected: 2),
        Lookup(name: "else the group's last resolved when resolved later than the alert's own",
               ofAlert: incident(1, .resolved, resolvedAt: 50),
               lastResolvedInGroup: incident(3, .resolved, resolvedAt: 90), expected: 3),
        Lookup(name: "else the alert's own incident when resolved later",
               ofAlert: incident(1, .resolved, resolvedAt: 95),
               lastResolvedInGroup: incident(3, .resolved, resolvedAt: 90), expected: 1),
        Lookup(name: "a resolved group incident alone",
               lastResolvedInGroup: incident(3, .resolved, resolvedAt: 90), expected: 3),
    ]

    @Test(arguments: lookups)
    func theCandidateFollowsTheRuleOrder(lookup: Lookup) {
        let candidate = IncidentTarget.candidate(
            ofAlert: lookup.ofAlert, openInGroup: { lookup.openInGroup },
            lastResolvedInGroup: { lookup.lastResolvedInGroup })
        #expect(candidate?.id == lookup.expected)
    }

    @Test
    func anOpenIncidentOfTheAlertIsTakenWithoutAskingForMore() throws {
        struct Unexpected: Error {}
        let candidate = try IncidentTarget.candidate(
            ofAlert: Self.incident(1, .triggered), openInGroup: { throw Unexpected() },
            lastResolvedInGroup: { throw Unexpected() })
        #expect(candidate?.id == 1)
    }

    @Test
    func theGroupsResolvedIncidentIsNotAskedForWhenAnOpenOneIsFound() throws {
        struct Unexpected: Error {}
        let candidate = try IncidentTarget.candidate(
            ofAlert: nil, openInGroup: { Self.incident(2, .triggered) }, lastResolvedInGroup: { throw Unexpected() })
        #expect(candidate?.id == 2)
    }

    @Test
    func withNoCandidateTheAlertOpensANewIncident() {
        let target = IncidentTarget.fire(
            Self.alert, into: nil, previous: nil, match: nil, at: Self.start, policy: Self.policy)
        #expect(target == .new)
    }

    @Test
    func aRepeatOfAFiringAlertJoinsAsARefire() throws {
        let target = IncidentTarget.fire(
            Self.alert, into: Self.incident(1, .triggered), previous: .firing, match: nil,
            at: Self.start.addingTimeInterval(10), policy: Self.policy)
        guard case .existing(let machine, let action) = target else {
            Issue.record("expected the open incident, got \(target)")
            return
        }
        #expect(machine.incident.id == 1)
        #expect(machine.incident.lastSeen == Self.start.addingTimeInterval(10))
        guard case .refired(let event) = action else {
            Issue.record("expected a re-fire, got \(action)")
            return
        }
        #expect(event.kind == .alertRefired)
    }

    @Test(arguments: [(599.0, true), (600.0, true), (601.0, false)])
    func aResolvedIncidentReopensOnlyWithinTheWindow(secondsAfter: Double, reopens: Bool) {
        let resolved = Self.incident(1, .resolved, resolvedAt: 100)
        let target = IncidentTarget.fire(
            Self.alert, into: resolved, previous: .resolved, match: nil,
            at: Self.start.addingTimeInterval(100 + secondsAfter), policy: Self.policy)
        switch target {
        case .new:
            #expect(!reopens)
        case .existing(let machine, let action):
            #expect(reopens)
            #expect(machine.incident.state == .triggered)
            #expect(action != .openNew)
            guard case .recorded(let events) = action else {
                Issue.record("expected recorded events, got \(action)")
                return
            }
            #expect(events.map(\.kind) == [.reopened, .alertFired])
        }
    }
}
