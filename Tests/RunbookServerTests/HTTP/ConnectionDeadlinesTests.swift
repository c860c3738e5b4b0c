import Testing

@testable import RunbookServer

struct ConnectionDeadlinesTests {
    typealias Deadlines = ConnectionDeadlines<ContinuousClock.Instant>
    static let start = ContinuousClock.now

    static func limits() -> ServerLimits {
        var limits = ServerLimits()
        limits.headerTimeout = .seconds(10)
        limits.bodyTimeout = .seconds(30)
        limits.idleTimeout = .seconds(60)
        return limits
    }

    @Test
    func eachPhaseHasItsOwnDeadline() {
        var deadlines = Deadlines(limits: Self.limits())
        let t = Self.start
        #expect(deadlines.opened(at: t) == .schedule(t + .seconds(60)))
        #expect(deadlines.bytesArrived(at: t + .seconds(1)) == .schedule(t + .seconds(11)))
        #expect(deadlines.phase == .readingHead)
        #expect(deadlines.bytesArrived(at: t + .seconds(2)) == .none)
        #expect(deadlines.headReceived(at: t + .seconds(3)) == .schedule(t + .seconds(33)))
        #expect(deadlines.bodyEnded() == .cancel)
        #expect(deadlines.phase == .responding)
        #expect(deadlines.bytesArrived(at: t + .seconds(4)) == .none)
        #expect(deadlines.responseEnded(at: t + .seconds(5)) == .schedule(t + .seconds(65)))
        #expect(deadlines.phase == .idle)
    }

    @Test
    func aPipelinedRequestKeepsItsBodyDeadlineWhenTheFirstResponseEnds() {
        var deadlines = Deadlines(limits: Self.limits())
        let t = Self.start
        _ = deadlines.headReceived(at: t)
        _ = deadlines.bodyEnded()
        #expect(deadlines.headReceived(at: t + .seconds(1)) == .schedule(t + .seconds(31)))
        #expect(deadlines.responseEnded(at: t + .seconds(2)) == .none)
        #expect(deadlines.phase == .readingBody)
    }

    @Test
    func aRequestAnsweredBeforeItsBodyArrivedGetsNoSecondAnswerOnTimeout() {
        var deadlines = Deadlines(limits: Self.limits())
        _ = deadlines.bytesArrived(at: Self.start)
        #expect(deadlines.answersTimeout)
        _ = deadlines.headReceived(at: Self.start)
        #expect(deadlines.answersTimeout)
        #expect(deadlines.responseEnded(at: Self.start) == .none)
        #expect(deadlines.phase == .readingBody)
        #expect(!deadlines.answersTimeout)
    }
}
