import Testing

@testable import RunbookCore

struct AnchorSuggestionTests {
    static let anchors: Set<String> = [
        "recover-from-non-critical-datasetmodel-build-failures", "hot-deploying-rollbacks", "logs", "log-levels",
    ]

    @Test(arguments: [
        ("recover-from-non-critical-model-build-failures", "recover-from-non-critical-datasetmodel-build-failures"),
        ("hot-deploying-rollback", "hot-deploying-rollbacks"),
        ("log", "logs"),
    ])
    func suggestsTheClosestAnchor(broken: String, expected: String) {
        #expect(AnchorSuggestion.closest(to: broken, in: Self.anchors) == expected)
    }

    @Test func suggestsNothingWhenNothingIsClose() {
        #expect(AnchorSuggestion.closest(to: "database-failover-procedure", in: Self.anchors) == nil)
        #expect(AnchorSuggestion.closest(to: "x", in: []) == nil)
    }

    @Test func countsEdits() {
        #expect(EditDistance.between(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
