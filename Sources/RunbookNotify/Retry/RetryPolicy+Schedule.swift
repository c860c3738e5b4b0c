import Foundation

extension RetryPolicy {
    /// When to try a delivery again after its `failures`-th failed try, or nil to give up (it is dead).
    ///
    /// Full jitter: the wait is uniform in `0…min(maxDelay, firstDelay × 2ⁿ⁻¹)` for the n-th failure, drawn from
    /// `generator`. A receiver's `retryAfter` replaces the drawn wait. Either way the next try never lands
    /// after the give-up time (`retryingSince + giveUpAfter`); at or past that time the delivery is given up.
    ///
    /// ```swift
    /// var random = SystemRandomNumberGenerator()
    /// let next = RetryPolicy().nextTry(afterFailures: 1, retryingSince: created, now: now, using: &random)
    /// // somewhere in now…now+1s
    /// ```
    public func nextTry(
        afterFailures failures: Int, retryingSince: Date, now: Date, retryAfter: Date? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> Date? {
        let giveUpAt = retryingSince.addingTimeInterval(giveUpAfter)
        guard now < giveUpAt else { return nil }
        let next: Date
        if let retryAfter {
            next = max(retryAfter, now)
        } else {
            let ceiling = backoffCeiling(afterFailures: failures)
            next = now.addingTimeInterval(ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : 0)
        }
        return min(next, giveUpAt)
    }

    /// The longest wait after the `failures`-th failure: `min(maxDelay, firstDelay × 2ⁿ⁻¹)`, never negative.
    public func backoffCeiling(afterFailures failures: Int) -> TimeInterval {
        let exponent = Double(min(max(failures, 1), 1024) - 1)
        return max(0, min(maxDelay, firstDelay * pow(2, exponent)))
    }

    /// When to try `failure`'s delivery again, or nil when the failure is permanent or the retries are over.
    ///
    /// `failures` counts this failure too.
    public func nextTry(
        after failure: DeliveryFailure, failures: Int, retryingSince: Date, now: Date,
        using generator: inout some RandomNumberGenerator
    ) -> Date? {
        guard !failure.isPermanent else { return nil }
        return nextTry(
            afterFailures: failures, retryingSince: retryingSince, now: now,
            retryAfter: failure.retryAfter?.date(relativeTo: now), using: &generator
        )
    }
}
