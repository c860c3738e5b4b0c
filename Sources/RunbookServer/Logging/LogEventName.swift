/// The `type` of a log line: an event name such as `request.summary`, never a sentence.
///
/// Runbook's own lines are logged with event names. Libraries beneath it (Hummingbird, service-lifecycle) log
/// sentences ("Server started and listening on 127.0.0.1:8080"); those become a name of their own, with the sentence
/// kept in the `message` field, so a log query on `type` sees one vocabulary.
enum LogEventName {
    /// Sentences of the libraries we run on, by prefix, with the event name each stands for.
    private static let known: [(prefix: String, name: String)] = [
        ("Server started and listening", "server.listening"),
        ("Shutting down", "server.shutting_down"),
        ("Starting service lifecycle", "services.starting"),
        ("Service lifecycle ended", "services.ended"),
        ("All services finished", "services.finished"),
        ("Starting added service", "service.starting"),
        ("Starting service", "service.starting"),
        ("Service threw error", "service.failed"),
        ("Service finished unexpectedly", "service.failed"),
        ("Service already finished", "service.finished"),
        ("Service finished", "service.finished"),
        ("Signal caught", "services.signal"),
        ("Graceful shutdown caught", "services.graceful_shutdown"),
        ("Triggering graceful shutdown", "service.graceful_shutdown"),
        ("Caught cancellation", "services.cancelled"),
    ]

    /// The event name for `message`, and the sentence to keep beside it when the message was not a name.
    static func resolve(_ message: String) -> (name: String, sentence: String?) {
        if isEventName(message) { return (message, nil) }
        let name = known.first { message.hasPrefix($0.prefix) }?.name ?? "library.message"
        return (name, message)
    }

    /// Whether `text` is already an event name: dotted lowercase words (`delivery.failed`, `server.starting`).
    static func isEventName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.contains(0x2E), text.first != ".", text.last != "." else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x5F
        }
    }
}
