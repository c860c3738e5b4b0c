extension BoundedRegex {
    /// True when the whole of `text` matches; nil when the match ran over ``stepBudget`` and was abandoned.
    public func matchesWhole(_ text: String) -> Bool? {
        var input = Array(text.unicodeScalars)
        if caseInsensitive {
            input = input.map(ScalarSet.folded)
        }
        var machine = Machine(program: program, count: input.count)
        machine.add(0, at: 0)
        for position in 0...input.count {
            if machine.current.isEmpty { return false }
            let scalar = position < input.count ? input[position] : nil
            for pc in machine.current {
                machine.steps += 1
                switch program[pc] {
                case .match:
                    if scalar == nil { return true }
                case .scalar(let wanted):
                    if scalar == wanted { machine.add(pc + 1, at: position + 1) }
                case .any:
                    if let scalar, scalar != "\n" { machine.add(pc + 1, at: position + 1) }
                case .set(let set):
                    if let scalar, set.contains(scalar, caseInsensitive: caseInsensitive) {
                        machine.add(pc + 1, at: position + 1)
                    }
                case .split, .jump, .assertStart, .assertEnd:
                    break
                }
            }
            if machine.steps > Self.stepBudget { return nil }
            machine.advance()
        }
        return false
    }

    /// The thread lists of a Pike VM: the states alive at this position and the next.
    private struct Machine {
        let program: [Instruction]
        let count: Int
        var current: [Int] = []
        var next: [Int] = []
        /// The position + 1 at which each state was last added, so each is added once per position.
        private var seen: [Int]
        var steps = 0

        init(program: [Instruction], count: Int) {
            self.program = program
            self.count = count
            seen = Array(repeating: 0, count: program.count)
        }

        /// Adds state `pc` and every state reachable from it without reading, at `position`: to the current list
        /// for the start, to the next list while stepping.
        mutating func add(_ pc: Int, at position: Int) {
            var stack = [pc]
            while let pc = stack.popLast() {
                guard seen[pc] != position + 1 else { continue }
                seen[pc] = position + 1
                steps += 1
                switch program[pc] {
                case .jump(let target): stack.append(target)
                case .split(let first, let second): stack.append(contentsOf: [second, first])
                case .assertStart: if position == 0 { stack.append(pc + 1) }
                case .assertEnd: if position == count { stack.append(pc + 1) }
                default:
                    if position == 0 { current.append(pc) } else { next.append(pc) }
                }
            }
        }

        /// Moves to the next position.
        mutating func advance() {
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
        }
    }
}
