import Foundation
import RunbookCore
import Testing

struct DigestRuleTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func planned(digestAt: Date?) -> PlannedDelivery {
        PlannedDelivery(route: "db", channel: "slack", kind: .triggered, dueAt: now, digestAt: digestAt)
    }

    @Test(arguments: [
        (DigestRule.Digest.absent, DigestRule.Placement.held(writesDigest: true)),
        (.pending, .held(writesDigest: false)),
        (.closed, .alone),
    ])
    func aStormDeliveryIsHeldWhileItsDigestCanStillListIt(
        digest: DigestRule.Digest, placement: DigestRule.Placement
    ) {
        let planned = Self.planned(digestAt: Self.now.addingTimeInterval(300))
        #expect(DigestRule.placement(of: planned, digest: digest) == placement)
    }

    @Test(arguments: [DigestRule.Digest.absent, .pending, .closed])
    func aDeliveryWithNoDigestTimeGoesAlone(digest: DigestRule.Digest) {
        #expect(DigestRule.placement(of: Self.planned(digestAt: nil), digest: digest) == .alone)
    }
}
