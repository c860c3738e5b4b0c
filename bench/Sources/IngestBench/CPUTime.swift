import Foundation

/// CPU time of this process and of its waited-for children, in seconds: the figure that does not depend on how
/// loaded the machine is.
enum CPUTime {
    /// CPU time used by every thread of this process so far.
    static func process() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU time (user + system) of the children that have exited and been waited for.
    static func children() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1e6
    }
}
