/// Words of operations language that say the same thing, so that an alert worded one way meets an entry
/// worded another ("unreachable" and "down", "OOMKilled" and "out of memory").
///
/// A general vocabulary of how incidents are described, in any library; not the words of particular alerts or
/// runbooks. Numbers (`503`, `429`) are not words to the tokenizer and are left out. Each group lists words
/// and two-word phrases written naturally; they are tokenized and stemmed
/// as the matcher tokenizes text, so a phrase's stop words fall away (`out of space` → `space`) and a phrase
/// of two meaningful words is looked up as a bigram. A query word of a group adds the group's other members
/// to the query at `weight` of its own, as related terms: they can lift an entry, but not add to what the
/// alert must be explained by (see `MatchQuery.Term.related`).
enum OperationsVocabulary {
    /// The weight of a related term, relative to the query word that brought it.
    static let weight = 0.6

    /// The groups, one line of documentation each.
    static let groups: [[String]] = [
        // Something does not answer.
        ["down", "unreachable", "unavailable", "not responding", "unresponsive", "outage", "offline", "dead"],
        // No room left on a disk or volume.
        ["full", "out of space", "disk usage", "no space left", "filling up", "almost out of space"],
        // A process killed for memory.
        ["OOMKilled", "oom", "out of memory", "memory pressure"],
        // Requests failing on the server side.
        ["5xx", "server errors", "error rate", "bad gateway"],
        // Work that does not move.
        ["hung", "stuck", "not progressing", "stalled", "frozen", "hanging"],
        // A credential that no longer works.
        ["revoked", "deauthorized", "invalidated", "expired token", "invalid token", "token expired"],
        // Permission refused.
        ["forbidden", "unauthorized", "permission denied", "access denied"],
        // A state that changes back and forth.
        ["flapping", "bouncing", "flaky", "oscillating", "unstable"],
        // Falling behind.
        ["lag", "behind", "delay", "backlog"],
        // Slowness.
        ["slow", "latency", "sluggish", "slowdown", "apdex"],
        // A process that keeps dying.
        ["crashloop", "crashing", "crash loop", "restarting", "keeps restarting", "crashloopbackoff"],
        // A resource used to its limit.
        ["saturated", "saturation", "pegged", "maxed out", "utilization", "exhausted", "busy"],
        // A processor's load.
        ["cpu", "processor"],
        // Memory.
        ["memory", "ram"],
        // Storage.
        ["disk", "volume", "filesystem", "drive"],
        // Waiting too long.
        ["timeout", "timed out", "time out", "deadline exceeded"],
        // Too many requests refused.
        ["throttled", "throttling", "rate limited", "too many requests"],
        // Certificates.
        ["certificate", "cert", "tls", "ssl"],
        // Pods removed from a node.
        ["evicted", "eviction"],
        // Copies of a database.
        ["replica", "replication", "standby", "secondary"],
        // Locks.
        ["lock", "locked", "blocking", "deadlock", "lock contention"],
        // Removing data to free space.
        ["cleanup", "clean up", "purge", "prune", "delete old"],
        // A cluster that lost its majority.
        ["quorum", "lost quorum", "insufficient members"],
        // Two halves of a cluster that each go on alone.
        ["split brain", "network partition", "partitioned"],
        // A tool run from a shell.
        ["cli", "command line", "terminal"],
        // Stopping a running job.
        ["kill", "terminate", "abort", "cancel"],
        // A restart of a service.
        ["restart", "bounce", "reboot"],
        // A new version put into production.
        ["deploy", "deployment", "rollout", "roll out", "release", "ship"],
        // Work tried again.
        ["retry", "retried", "attempts", "try again", "redeliver"],
        // Working out which case applies.
        ["determine", "decide", "tell", "figure out", "identify"],
        // Hostile traffic.
        ["attack", "ddos", "flood", "flooded", "abusive traffic"],
        // Load spread unevenly.
        ["uneven", "unbalanced", "imbalance", "imbalanced", "skewed", "lopsided"],
        // Configuration (not `settings`: it stems to `set`, an everyday verb).
        ["config", "configuration", "configured"],
        // Copies kept to restore from.
        ["backup", "snapshot"],
        // Bringing data or a service back.
        ["restore", "recover", "recovery"],
        // A sudden rise.
        ["spike", "surge", "elevated"],
        // Names that do not resolve.
        ["dns", "name resolution", "nxdomain"],
        // A connection refused or cut.
        ["connection refused", "connection reset", "cannot connect", "connection error"],
        // Secrets that prove who is calling.
        ["credentials", "password", "secret"],
        // Memory that grows without bound.
        ["leak", "memory leak"],
        // Something that went wrong in code.
        ["exception", "error"],
        // Traffic a host sends.
        ["transmit", "tx", "outbound", "egress"],
        // Traffic a host takes in.
        ["receive", "rx", "inbound"],
        // A check that must always fire, whose silence says the alerting path is broken.
        ["heartbeat", "watchdog", "dead man", "deadman", "snitch"],
        // Taking a node out of service for good.
        ["remove", "decommission", "retire"],
        // Clocks that disagree.
        ["clock skew", "clock drift", "time drift", "ntp"],
        // A process or host out of file handles.
        ["file descriptors", "open files", "fd limit", "nofile", "ulimit", "fd", "file handles"],
        // Disks mirrored or striped by the host: Linux's software RAID is `md` arrays, run with `mdadm`.
        ["raid", "md array", "mdadm", "software raid"],
        // Packets lost on the way.
        ["packet loss", "dropped packets", "packet drops"],
        // Kubernetes, its command line, and the managed Kubernetes of the big clouds (Amazon's, Google's, Azure's).
        ["kubernetes", "k8s", "eks", "gke", "aks", "kubectl"],
        // A newer version put in place.
        ["upgrade", "bump", "version bump", "new version"],
        // Taking something away on purpose.
        ["delete", "remove", "drop", "wipe"],
        // Going back to the version before.
        ["rollback", "roll back", "revert", "downgrade"],
        // Two copies made the same.
        ["sync", "synchronize", "synchronization", "resync"],
        // A virtual machine and its short names.
        ["vm", "virtual machine", "vmi"],
        // Kubernetes' persistent volume and its short name in `kubectl get pv`.
        ["pv", "persistentvolume", "persistent volume"],
        // Who answers for a service.
        ["owner", "owns", "ownership", "maintainer", "point of contact"],
        // Lists of what is let through, under their old and new names.
        ["allowlist", "whitelist", "allow list"],
        // Lists of what is refused, likewise.
        ["blocklist", "blacklist", "block list", "deny list", "denylist"],
        // Finding out what is wrong.
        ["troubleshoot", "debug", "diagnose", "investigate"],
    ]

    /// Related terms by term: a stemmed word, or a bigram `"first second"` of stemmed words.
    static let related: [String: [String]] = {
        var map: [String: [String]] = [:]
        for group in groups {
            let terms = group.compactMap(term)
            for term in terms {
                map[term, default: []] += terms.filter { $0 != term && !(map[term] ?? []).contains($0) }
            }
        }
        return map
    }()

    /// The term a member is looked up as: its one word, or the bigram of its two words; nil for longer ones.
    static func term(_ member: String) -> String? {
        let parts = MatchTokenizer.tokens(member).filter { $0.kind == .part }.map(\.term)
        switch parts.count {
        case 1: return parts[0]
        case 2: return parts[0] + " " + parts[1]
        default: return nil
        }
    }
}
