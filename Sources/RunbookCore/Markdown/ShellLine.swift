/// What one line of a command block is, judged by its looks: a command to run, its output, or a note about it.
///
/// Used by ``CommandReader`` to keep the command lines of a pasted session that have no prompt (a `sudo ssh …`
/// that must run first) and to drop output and annotations (`<<<<<<<< offender`, `# <-- this`).
public enum ShellLine: Sendable, Hashable {
    /// A command to run (a prompt's command, or a prompt-less line that looks like one).
    case command(String)
    /// What a command printed: columns of numbers, a `Filesystem  Size  Used` header, a systemd status, a log line.
    case output
    /// A person's note: a line of prose ending in `:`, a lone `<<<<` or `<--` remark.
    case annotation
    /// A `#` comment.
    case comment
    case blank

    /// Command words a prompt-less line may start with (case matters: `Job for …` and `See …` are output).
    static let commandWords: Set<String> = [
        "ab", "alias", "ansible", "ansible-playbook", "apachectl", "apk", "apt", "apt-get", "argocd", "aws", "awk",
        "az", "base64", "bash", "bc", "brew", "bundle", "cargo", "cat", "cd", "certbot", "chef-client", "chmod",
        "chown", "chroot", "consul", "cp", "cqlsh", "crictl", "crontab", "ctr", "curl", "cut", "date", "dd", "declare",
        "df", "diff", "dig", "dmesg", "dnf", "docker", "docker-compose", "du", "e2fsck", "echo", "eksctl", "env",
        "etcdctl", "exec", "exit", "export", "fdisk", "find", "flux", "for", "free", "fsck", "gcloud", "gh", "git",
        "gitlab-ctl", "gitlab-rails", "gitlab-rake", "glab", "go", "gpg", "grep", "growpart", "gunzip", "gzip",
        "head", "helm", "hey", "history", "host", "hostname", "htop", "http", "id", "if", "iostat", "ip", "iptables",
        "istioctl", "java", "journalctl", "jq", "k", "k9s", "kafka-consumer-groups", "kafka-topics", "keytool",
        "kill", "killall", "kind", "knife", "kubectl", "kubectx", "kubens", "less", "linkerd", "ln", "logrotate",
        "ls", "lsblk", "lsof", "make", "minikube", "mkdir", "mongo", "mongosh", "more", "mount", "mpstat", "mtr",
        "mv", "mysql", "nano", "nc", "nerdctl", "netstat", "nginx", "nice", "nmap", "node", "nodetool", "nohup",
        "nomad", "npm", "nslookup", "oc", "openssl", "patronictl", "pg_basebackup", "pg_ctl", "pg_dump",
        "pg_restore", "pidstat", "ping", "pip", "pip3", "pkill", "podman", "printf", "ps", "psql", "puppet", "pwd",
        "python", "python3", "rabbitmqctl", "rails", "rake", "read", "reboot", "redis-cli", "resize2fs", "rm",
        "rmdir", "rsync", "salt", "salt-call", "salt-key", "salt-run", "sar", "scp", "screen", "sed", "seq",
        "service", "set", "sftp", "sh", "shutdown", "sleep", "snap", "sort", "source", "ss", "ssh", "ssh-add",
        "ssh-keygen", "stat", "stern", "strace", "su", "sudo", "supervisorctl", "sysctl", "systemctl", "tail",
        "tar", "tcpdump", "tee", "telnet", "terraform", "time", "timeout", "tmux", "top", "touch", "tr",
        "traceroute", "truncate", "ufw", "umount", "uname", "uniq", "unset", "uptime", "vault", "velero", "vi",
        "vim", "vmstat", "watch", "wc", "wget", "which", "while", "whoami", "xargs", "xfs_growfs", "yq", "yum",
        "zcat", "zgrep", "zsh",
    ]

    /// Characters that start a systemd status or a `tree` drawing.
    static let drawingCharacters: Set<Character> = ["●", "○", "├", "└", "│", "─", "×", "◉"]

    /// The line, judged on its own; a command's trailing annotation is cut off.
    public static func classify(_ line: String) -> ShellLine {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty { return .blank }
        let text = withoutAnnotation(trimmed)
        if text.isEmpty { return .annotation }
        if text.hasPrefix("#") { return text.hasPrefix("# <-") ? .annotation : .comment }
        if looksLikeCommand(text) { return .command(text) }
        if text.hasSuffix(":"), !text.containsBytes("=") { return .annotation }
        return .output
    }

    /// `line` without a trailing remark: `  <<<<<<<< offender` (four or more `<`, so here-documents `<<EOF` and
    /// here-strings `<<<` stay) or `# <-- this one`.
    public static func withoutAnnotation(_ line: String) -> String {
        var text = Substring(line)
        if let range = text.firstRange(ofBytes: "<<<<") {
            text = text[..<range.lowerBound]
        }
        for marker in [" # <-", " #<-", " <--"] {
            if let range = text.firstRange(ofBytes: marker) { text = text[..<range.lowerBound] }
        }
        return String(text).trimmingWhitespace()
    }

    /// True when a line that is not a command is surely output (a systemd or tree drawing, a row of figures) or a
    /// remark (prose ending in `:`), so that even a block without prompts leaves it out.
    static func isSurelyNotCommand(_ text: String) -> Bool {
        guard !looksLikeCommand(text) else { return false }
        if let first = text.first, drawingCharacters.contains(first) { return true }
        let words = words(of: text)
        if words.filter(isFigure).count >= 2 { return true }
        return words.count > 1 && text.hasSuffix(":") && !text.containsBytes("=") && (text.first?.isUppercase ?? false)
    }

    /// True when a prompt-less line reads as a command: it starts (after `VAR=value` settings) with a known command
    /// word, `sudo`, or an executable path, and is not a row of figures.
    static func looksLikeCommand(_ text: String) -> Bool {
        if let first = text.first, drawingCharacters.contains(first) { return false }
        let words = words(of: text)
        var index = 0
        while index < words.count, isAssignment(words[index]) { index += 1 }
        guard index < words.count else { return index > 0 }
        let word = words[index]
        let figures = words.filter(isFigure).count
        if commandWords.contains(String(word)) { return figures < 3 }
        let isPath = (word.hasPrefix("/") || word.hasPrefix("./") || word.hasPrefix("~/")) && word.count > 1
            && !word.hasSuffix(":")
        return isPath && figures == 0 && !text.containsBytes("\t")
    }

    /// The line's words, split at spaces and tabs (by bytes when ASCII: see `asciiSplit(where:)`).
    static func words(of text: String) -> [Substring] {
        text.asciiSplit { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// `NAME=value` with an upper-case name (`KUBECONFIG=…`): lower-case `uid=0(root)` is what `id` prints.
    private static func isAssignment(_ word: Substring) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals > word.startIndex else { return false }
        let name = word[..<equals]
        return name.allSatisfy { ($0.isASCII && $0.isUppercase) || $0.isNumber || $0 == "_" }
            && name.first.map { !$0.isNumber } ?? false
    }

    /// A size, a count or a share as tools print them: `20G`, `3.9G`, `81%`, `1114385`, `4.0K`, `0`.
    private static func isFigure(_ word: Substring) -> Bool {
        var body = word
        // Bytes, not characters: a string literal's `contains(_:)` forms each of its characters, once per word.
        if let last = body.last?.asciiValue, "%KMGTPBkmgtpbi".utf8.contains(last) { body = body.dropLast() }
        if let last = body.last?.asciiValue, "KMGTPkmgtp".utf8.contains(last) { body = body.dropLast() }
        return !body.isEmpty && body.allSatisfy { $0.isNumber || $0 == "." } && body.contains { $0.isNumber }
    }
}
