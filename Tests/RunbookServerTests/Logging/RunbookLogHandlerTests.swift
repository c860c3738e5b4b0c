import Foundation
import Logging
import Testing

@testable import RunbookServer

struct RunbookLogHandlerTests {
    @Test
    func jsonLinesCarryTheStandardFields() throws {
        let capture = LogCapture()
        var logger = capture.logger(level: .info)
        logger[metadataKey: "component"] = "test"
        logger.warning(
            "library.reload_failed", metadata: ["library.folder": "runbooks", "attempt": .stringConvertible(2)])
        logger.debug("dropped")
        #expect(capture.lines.count == 1)
        let object = try #require(capture.objects.first)
        #expect(object["type"] as? String == "library.reload_failed")
        #expect(object["logger"] as? String == "runbook.test")
        #expect(object["severity"] as? Int == 4)
        #expect(object["pid"] as? Int == Int(ProcessInfo.processInfo.processIdentifier))
        #expect(object["hostname"] as? String == ProcessInfo.processInfo.hostName)
        #expect((object["timestamp"] as? String)?.hasSuffix("Z") == true)
        let fields = try #require(object["fields"] as? [String: Any])
        #expect(fields["library.folder"] as? String == "runbooks")
        #expect(fields["attempt"] as? Int == 2)
        #expect(fields["component"] as? String == "test")
        #expect(fields["level"] as? String == "warning")
    }

    @Test
    func theEventsMetadataWinsOverTheProvidersWhichWinsOverTheHandlers() throws {
        let capture = LogCapture()
        let provider = Logger.MetadataProvider { ["shared": "provider", "provided": "provider", "both": "provider"] }
        var logger = capture.logger(level: .info, metadataProvider: provider)
        logger[metadataKey: "shared"] = "handler"
        logger[metadataKey: "own"] = "handler"
        logger[metadataKey: "both"] = "handler"
        logger[metadataKey: "level"] = "handler"
        logger.info("request.summary", metadata: ["shared": "event", "event": "event", "level": "event"])
        let fields = try #require(capture.objects.first?["fields"] as? [String: Any])
        #expect(fields["shared"] as? String == "event")
        #expect(fields["event"] as? String == "event")
        #expect(fields["provided"] as? String == "provider")
        #expect(fields["both"] as? String == "provider")
        #expect(fields["own"] as? String == "handler")
        #expect(fields["level"] as? String == "info")
        #expect(fields.count == 6)
    }

    @Test
    func textLinesAreOneReadableLine() {
        let capture = LogCapture()
        let logger = capture.logger(level: .info, format: .text)
        logger.info("request.summary", metadata: ["status": "200", "path": "/a b"])
        let line = capture.lines.first ?? ""
        #expect(line.contains("INFO runbook.test: request.summary"))
        #expect(line.hasSuffix(#"path="/a b" status=200"#))
        #expect(!line.contains("\n"))
    }

    /// An alert's text in a log value cannot act on the terminal the log is read in, nor start a forged line.
    @Test
    func textLinesShowAnAlertsControlCharactersAsSymbols() {
        let capture = LogCapture()
        let logger = capture.logger(level: .info, format: .text)
        logger.info("incident.opened", metadata: [
            "incident.key": "DiskFull pay\u{1B}]0;pwned\u{07}ments\n2026-12-07 INFO runbook: admin.granted",
        ])
        let line = capture.lines.first ?? ""
        #expect(capture.lines.count == 1)
        #expect(!line.contains("\n") && !line.contains("\u{1B}") && !line.contains("\u{07}"),
                "\(line.debugDescription)")
        #expect(line.contains("pay\u{241B}]0;pwned\u{2407}ments\u{240A}2026-12-07"), "\(line)")
    }

    @Test(arguments: [(LogFormatChoice.auto, true, LogFormat.text), (.auto, false, .json), (.json, true, .json)])
    func autoPicksTextOnlyForATerminal(choice: LogFormatChoice, terminal: Bool, expected: LogFormat) {
        #expect(choice.resolved(standardErrorIsTerminal: terminal) == expected)
    }
}

struct LogEventNameTests {
    @Test
    func aLibrarySentenceBecomesAnEventNameWithTheSentenceKept() throws {
        let capture = LogCapture()
        let logger = capture.logger(level: .info)
        logger.info("Server started and listening on 127.0.0.1:8080")
        let object = try #require(capture.objects.first)
        #expect(object["type"] as? String == "server.listening")
        let fields = try #require(object["fields"] as? [String: Any])
        #expect(fields["message"] as? String == "Server started and listening on 127.0.0.1:8080")
    }

    @Test(arguments: [
        ("request.summary", "request.summary", nil),
        ("Starting service", "service.starting", "Starting service"),
        ("Shutting down", "server.shutting_down", "Shutting down"),
        ("Something a library said.", "library.message", "Something a library said."),
        ("Request.Summary", "library.message", "Request.Summary"),
    ] as [(String, String, String?)])
    func everyTypeIsAnEventName(message: String, name: String, sentence: String?) {
        let resolved = LogEventName.resolve(message)
        #expect(resolved.name == name)
        #expect(resolved.sentence == sentence)
        #expect(LogEventName.isEventName(resolved.name))
    }
}

struct RequestSummaryLineTests {
    static let summaries: [RequestSummary] = [
        RequestSummary(
            method: "POST", path: "/api/v1/ingest/alertmanager", pathTemplate: "/api/v1/ingest/alertmanager",
            status: 202, durationMilliseconds: 0.412, trivial: false),
        RequestSummary(
            method: "GET", path: "/api/v1/incidents?token=[OMITTED]&q=a\"b", pathTemplate: "/api/v1/incidents",
            status: 200, durationMilliseconds: 12, trivial: true, client: "127.0.0.1:50112",
            userAgent: "curl/7.88 \\ é", headers: ["authorization": "[OMITTED]", "accept": "*/*", "x-path": "/a/b"]),
        RequestSummary(
            method: "DELETE", path: "/", pathTemplate: "unmatched", status: 404, durationMilliseconds: 1e-3,
            trivial: false, client: "[::1]:9", userAgent: nil, headers: [:]),
    ]

    /// Both the handler's and the provider's fields, some named as a summary's own field (which wins) or `level`.
    static func logger(_ capture: LogCapture) -> Logger {
        let provider = Logger.MetadataProvider { ["headers": "provided", "provided": "yes", "zz": "last"] }
        var logger = capture.logger(level: .debug, metadataProvider: provider)
        for (key, value) in [
            ("hb.request.id", "0c1d"), ("client", "handler"), ("user_agent", "handler"), ("level", "handler"),
            ("status", "handler"), ("path_z", "between"), ("A", "first"), ("provided", "handler"),
        ] {
            logger[metadataKey: key] = .string(value)
        }
        return logger
    }

    @Test(arguments: summaries)
    func theSummaryIsWrittenByteForByteAsSwiftLogWouldWriteIt(summary: RequestSummary) throws {
        let capture = LogCapture()
        let logger = Self.logger(capture)
        let handler = try #require(logger.handler as? RunbookLogHandler)
        handler.write(summary)
        logger.info("request.summary", metadata: summary.metadata)
        let lines = capture.lines.map {
            $0.replacingOccurrences(of: #""timestamp":"[^"]*""#, with: "T", options: .regularExpression)
        }
        #expect(lines.count == 2)
        #expect(lines.first == lines.last)
        let fields = try #require(capture.objects.first?["fields"] as? [String: Any])
        #expect(fields["status"] as? Int == summary.status)
        #expect(fields["level"] as? String == "info")
        #expect(fields["client"] as? String == summary.client ?? "handler")
        #expect(fields["path_z"] as? String == "between")
        #expect(fields["zz"] as? String == "last")
    }
}
