import Foundation

/// One run of the sender process, and its command line: `send saturate|paced --url U --token T --first N …`.
///
/// The senders run in a child process so that the server's CPU time (the benchmark's own process) holds no
/// client work, and so that a profiler attached to the benchmark's process sees the server alone.
struct SenderRun {
    enum Kind: String {
        case saturate, paced
    }

    var kind: Kind
    var url = ""
    var token = ""
    /// The first request's sequence number: fingerprints derive from it, so each run's alerts are new.
    var first = 0
    var requests = 0
    var alertsPerRequest = 1
    var senders = 1
    var rate = 0
    var seconds = 0

    var arguments: [String] {
        ["send", kind.rawValue, "--url", url, "--token", token, "--first", "\(first)", "--requests", "\(requests)",
         "--alerts", "\(alertsPerRequest)", "--senders", "\(senders)", "--rate", "\(rate)", "--seconds", "\(seconds)"]
    }

    init(kind: Kind) {
        self.kind = kind
    }

    /// Reads the arguments after `send`.
    init(arguments: [String]) throws {
        guard let kind = arguments.first.flatMap(Kind.init(rawValue:)) else {
            throw BenchFailure("send: expected saturate or paced, found \(arguments.first ?? "nothing")")
        }
        self.kind = kind
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let text = iterator.next() ?? ""
            let value = Int(text) ?? 0
            switch flag {
            case "--url": url = text
            case "--token": token = text
            case "--first": first = value
            case "--requests": requests = value
            case "--alerts": alertsPerRequest = value
            case "--senders": senders = value
            case "--rate": rate = value
            case "--seconds": seconds = value
            default: throw BenchFailure("send: unknown flag \(flag)")
            }
        }
    }

    /// Sends, then prints the result as one JSON line on standard output.
    func perform() async throws {
        let sender = Sender(url: url, token: token, connections: max(senders, 1))
        defer { try? sender.shutdown() }
        let result = switch kind {
        case .saturate:
            try await sender.saturate(first: first, requests: requests, alertsPerRequest: alertsPerRequest,
                                      senders: senders)
        case .paced:
            try await sender.paced(first: first, rate: rate, seconds: seconds)
        }
        let line = try JSONEncoder().encode(result)
        FileHandle.standardOutput.write(line + Data("\n".utf8))
    }

    /// Runs this in a child process (this same executable) and returns what it printed.
    func spawn() async throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data: Data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        guard process.terminationStatus == 0 else {
            throw BenchFailure("the sender process exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(RunResult.self, from: data)
    }
}
