import Testing

@testable import RunbookCore

struct LinkTargetTests {
    @Test(arguments: [
        ("#Style-Guide", "ops/a.md", LinkTarget.anchor("style-guide")),
        ("#user-content-logs", "a.md", .anchor("logs")),
        ("#caf%C3%A9", "a.md", .anchor("café")),
        ("b.md", "ops/a.md", .file(path: "ops/b.md", anchor: nil)),
        ("./b.md#Top", "ops/a.md", .file(path: "ops/b.md", anchor: "top")),
        ("../db/c.md?plain=1#x", "ops/a.md", .file(path: "db/c.md", anchor: "x")),
        ("img/flow%20chart.png", "a.md", .file(path: "img/flow chart.png", anchor: nil)),
        ("<my file.md>", "a.md", .file(path: "my file.md", anchor: nil)),
        ("sub/", "a.md", .file(path: "sub", anchor: nil)),
    ])
    func resolvesRelativeLinks(destination: String, file: String, expected: LinkTarget) {
        #expect(LinkTarget(destination: destination, from: file) == expected)
    }

    @Test(arguments: [
        "https://example.com/a.md", "http://x", "mailto:oncall@example.com", "/docs/a.md", "//cdn.example.com/x.png",
        "", "#", "../../outside.md", "..", "tel:+15551234",
    ])
    func leavesUncheckableLinksAlone(destination: String) {
        #expect(LinkTarget(destination: destination, from: "ops/a.md") == .unchecked)
    }
}
