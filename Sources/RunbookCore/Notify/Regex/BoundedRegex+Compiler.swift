extension BoundedRegex {
    /// Turns a ``Node`` into VM instructions, refusing a program over ``BoundedRegex/maxProgramSize``.
    struct Compiler {
        let caseInsensitive: Bool
        private(set) var program: [Instruction] = []

        init(caseInsensitive: Bool) {
            self.caseInsensitive = caseInsensitive
        }

        mutating func append(_ instruction: Instruction) throws(BoundedRegexError) {
            guard program.count < BoundedRegex.maxProgramSize else {
                throw BoundedRegexError(
                    reason: "the pattern is too complex (over \(BoundedRegex.maxProgramSize) steps once "
                        + "repetitions are counted out); simplify it", isLimit: true)
            }
            program.append(instruction)
        }

        mutating func emit(_ node: Node) throws(BoundedRegexError) {
            switch node {
            case .empty: break
            case .scalar(let scalar): try append(.scalar(caseInsensitive ? ScalarSet.folded(scalar) : scalar))
            case .any: try append(.any)
            case .set(let set): try append(.set(set))
            case .start: try append(.assertStart)
            case .end: try append(.assertEnd)
            case .concatenation(let items):
                for item in items { try emit(item) }
            case .alternation(let branches):
                try emitAlternation(branches[...])
            case .repetition(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    try emitOptional(inner, count: max - min)
                } else {
                    try emitStar(inner)
                }
            }
        }

        /// `split a, rest; a; jump end; rest…`
        private mutating func emitAlternation(_ branches: ArraySlice<Node>) throws(BoundedRegexError) {
            guard let first = branches.first else { return }
            guard branches.count > 1 else { return try emit(first) }
            let split = program.count
            try append(.split(split + 1, 0))
            try emit(first)
            let jump = program.count
            try append(.jump(0))
            program[split] = .split(split + 1, program.count)
            try emitAlternation(branches.dropFirst())
            program[jump] = .jump(program.count)
        }

        /// `count` nested optional copies: `(a(a(a)?)?)?`.
        private mutating func emitOptional(_ inner: Node, count: Int) throws(BoundedRegexError) {
            var splits: [Int] = []
            for _ in 0..<count {
                splits.append(program.count)
                try append(.split(program.count + 1, 0))
                try emit(inner)
            }
            for split in splits {
                program[split] = .split(split + 1, program.count)
            }
        }

        /// `loop: split body, out; body; jump loop; out:`
        private mutating func emitStar(_ inner: Node) throws(BoundedRegexError) {
            let loop = program.count
            try append(.split(loop + 1, 0))
            try emit(inner)
            try append(.jump(loop))
            program[loop] = .split(loop + 1, program.count)
        }
    }
}
