extension ConfigKey {
    /// The known key closest to a misspelt one (`log.fromat` → `log.format`, `max_body` → `http.max_body`).
    static func suggestion(for unknown: String, among names: [String] = all.map(\.name)) -> String? {
        let wanted = normalized(unknown)
        var best: (name: String, distance: Int)?
        for name in names {
            let candidates = [normalized(name), normalized(String(name.split(separator: ".").last ?? ""))]
            let distance = candidates.map { editDistance(wanted, $0) }.min() ?? Int.max
            if distance < (best?.distance ?? Int.max) {
                best = (name, distance)
            }
        }
        guard let best, best.distance <= max(2, wanted.count / 3) else { return nil }
        return best.name
    }

    private static func normalized(_ name: String) -> [Character] {
        Array(name.lowercased().map { $0 == "." || $0 == "-" ? "_" : $0 })
    }

    private static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty || rhs.isEmpty { return max(lhs.count, rhs.count) }
        var previous = Array(0...rhs.count)
        for (row, left) in lhs.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: rhs.count)
            for (column, right) in rhs.enumerated() {
                current[column + 1] = Swift.min(
                    previous[column + 1] + 1, current[column] + 1, previous[column] + (left == right ? 0 : 1)
                )
            }
            previous = current
        }
        return previous[rhs.count]
    }
}
