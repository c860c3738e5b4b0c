import Foundation
import RunbookCore

/// Times `AlertDecoder.decode` on Alertmanager webhook bodies shaped like `bench/load/alerts.lua`'s (every alert new:
/// a unique `instance`, fingerprint and summary; alertname one of 4, app one of 50), in bodies of 1 and of 100 alerts.
///
/// Reports CPU µs of this thread per alert, best of 3. `--once` decodes every body once in `decodeAll` and prints
/// nothing else, for `valgrind --tool=callgrind --collect-atstart=no '--toggle-collect=*DecodeBench*decodeAll*'`.
struct DecodeBench {
    var count: Int
    var once = false

    func run() throws {
        let single = Self.bodies(alerts: count, batch: 1)
        let batched = Self.bodies(alerts: count, batch: 100)
        if once {
            print("checksum \(try decodeAll(single) &+ decodeAll(batched))")
            return
        }
        print("\(count) new alerts, Alertmanager webhook bodies")
        print("bodies             µs/alert (CPU of this thread, best of 3)")
        var checksum = 0
        for (name, bodies) in [("1 alert each", single), ("100 alerts each", batched)] {
            let seconds = try best { checksum &+= try decodeAll(bodies) }
            print(name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: " %8.2f", seconds * 1e6 / Double(count)))
        }
        print("(checksum \(checksum))")
    }

    /// Decodes every body once; returns a checksum so that nothing is optimised away.
    @inline(never)
    func decodeAll(_ bodies: [Data]) throws -> Int {
        var sum = 0
        let receivedAt = Date(timeIntervalSince1970: 1_764_000_000)
        for body in bodies {
            for alert in try AlertDecoder.decode(body, format: .alertmanager, receivedAt: receivedAt) {
                sum &+= alert.title.utf8.count &+ alert.labels.count
            }
        }
        return sum
    }

    /// `alerts` alerts as `bench/load/alerts.lua` posts them to Runbook, `batch` to a body; with `hashedFingerprints`,
    /// each fingerprint is the FNV-1a hash of the instance in 16 hex digits, as Alertmanager's are hashes of labels.
    static func bodies(alerts: Int, batch: Int, hashedFingerprints: Bool = false) -> [Data] {
        let prefix = "6751c0a0f3b2c-1"
        var bodies: [Data] = []
        var sequence = 0
        while sequence < alerts {
            var items: [String] = []
            for _ in 0..<min(batch, alerts - sequence) {
                sequence += 1
                let name = QueryBench.alertNames[sequence % QueryBench.alertNames.count]
                let instance = "\(prefix)-\(sequence)"
                let fingerprint = hashedFingerprints ? StableHash.fnv1a(instance) : instance
                items.append(
                    "{\"status\":\"firing\",\"labels\":{\"alertname\":\"\(name)\",\"app\":\"app-\(sequence % 50)\","
                        + "\"instance\":\"\(instance)\",\"severity\":\"warning\"},\"annotations\":{\"summary\":"
                        + "\"\(name) on \(instance)\"},\"startsAt\":\"2026-12-04T10:00:00Z\",\"endsAt\":"
                        + "\"0001-01-01T00:00:00Z\",\"fingerprint\":\"\(fingerprint)\"}")
            }
            let body = "{\"version\":\"4\",\"groupKey\":\"{}:{load=\\\"\(prefix)\\\"}\",\"status\":\"firing\","
                + "\"receiver\":\"runbook\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
                + "\"externalURL\":\"http://127.0.0.1:9093\",\"alerts\":[\(items.joined(separator: ","))]}"
            bodies.append(Data(body.utf8))
        }
        return bodies
    }

    private func best(_ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<3 {
            let start = cpuTime()
            try body()
            times.append(cpuTime() - start)
        }
        return times.min() ?? 0
    }

    private func cpuTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
