import Testing

@testable import RunbookCore

struct PartKindTests {
    @Test(arguments: [
        ("Diagnosis", PartKind.diagnosis), ("mitigation:", .mitigation), ("Cause(s)", .causes),
        ("CAUSES", .causes), (" Impact ", .impact),
    ])
    func recognisesLabels(label: String, kind: PartKind) {
        #expect(PartKind(label: label) == kind)
    }

    @Test(arguments: ["Diagnostics", "Overview", "", ":"])
    func rejectsOtherWords(label: String) {
        #expect(PartKind(label: label) == nil)
    }
}
