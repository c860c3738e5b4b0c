import HTTPTypes
import Testing

@testable import RunbookServer

struct RedactionTests {
    @Test(arguments: [
        ("/api/v1/ingest/alertmanager?token=s3cr3t", "/api/v1/ingest/alertmanager?token=[OMITTED]"),
        ("/x?a=1&access_token=abc&b=2", "/x?a=1&access_token=[OMITTED]&b=2"),
        ("/x?api-key=abc&signature=def", "/x?api-key=[OMITTED]&signature=[OMITTED]"),
        ("/x?tok%65n=abc", "/x?tok%65n=[OMITTED]"),
        ("/x?state=firing&keyword=disk", "/x?state=firing&keyword=disk"),
        ("/plain/path", "/plain/path"),
    ])
    func secretQueryParametersAreOmitted(path: String, expected: String) {
        #expect(Redaction.redactedPath(path) == expected)
    }

    @Test(arguments: [
        ("Authorization", true), ("Cookie", true), ("Sentry-Hook-Signature", true), ("X-Api-Key", true),
        ("X-Gitlab-Token", true), ("Proxy-Authorization", true), ("Content-Type", false), ("User-Agent", false),
    ])
    func secretHeadersAreRecognised(name: String, secret: Bool) {
        #expect(Redaction.isSecret(header: name) == secret)
    }

    @Test
    func headerValuesAreOmittedButNamesKept() {
        let fields: HTTPFields = [.authorization: "Bearer abc", .contentType: "application/json", .cookie: "s=1"]
        let headers = Redaction.redactedHeaders(fields)
        #expect(headers["authorization"] == "[OMITTED]")
        #expect(headers["cookie"] == "[OMITTED]")
        #expect(headers["content-type"] == "application/json")
    }
}
