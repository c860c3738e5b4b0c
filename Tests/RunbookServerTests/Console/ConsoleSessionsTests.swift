import Foundation
import Testing

@testable import RunbookServer

/// Sessions and the sign-in attempt limit, on a clock the test moves.
struct ConsoleSessionsTests {
    let start = Date(timeIntervalSince1970: 1_750_000_000)

    @Test
    func aSessionLivesItsLifetimeFromItsLastUse() async {
        let sessions = ConsoleSessions(lifetime: 100)
        let session = await sessions.start(name: "ana", role: .operator, at: start)
        #expect(session.id.count == 64)
        #expect(session.csrf != session.id)
        #expect(await sessions.session(id: session.id, at: start.addingTimeInterval(90))?.name == "ana")
        #expect(await sessions.session(id: session.id, at: start.addingTimeInterval(180))?.role == .operator)
        #expect(await sessions.session(id: session.id, at: start.addingTimeInterval(281)) == nil)
        #expect(await sessions.session(id: "made-up", at: start) == nil)
    }

    @Test
    func signingOutEndsTheSession() async {
        let sessions = ConsoleSessions()
        let session = await sessions.start(name: "ana", role: .viewer, at: start)
        await sessions.end(id: session.id)
        #expect(await sessions.session(id: session.id, at: start) == nil)
    }

    @Test
    func attemptsAreRefusedAfterTheLimitUntilTheWindowHasPassed() async {
        let sessions = ConsoleSessions(maxFailures: 3, failureWindow: 60)
        for second in 0..<3 {
            #expect(await sessions.mayAttempt(keys: ["user:ana"], at: start.addingTimeInterval(Double(second))))
            await sessions.recordFailure(keys: ["user:ana", "client:a"], at: start.addingTimeInterval(Double(second)))
        }
        #expect(await !sessions.mayAttempt(keys: ["user:ana"], at: start.addingTimeInterval(10)))
        #expect(await !sessions.mayAttempt(keys: ["user:bob", "client:a"], at: start.addingTimeInterval(10)))
        #expect(await sessions.mayAttempt(keys: ["user:bob", "client:b"], at: start.addingTimeInterval(10)))
        #expect(await sessions.mayAttempt(keys: ["user:ana"], at: start.addingTimeInterval(61)))
    }
}
