import Autograd

/// Shrinks a failing program greedily: tries smaller variants (less training, fewer fetches, an op
/// replaced by one of its operands or by the constant it computed, unused statements removed) and
/// keeps any that still fails under the failing passes, until none does.
enum ProgramShrinker {
    static func shrink(_ program: RandomProgram, failing passes: [CompilePass], budget: Int = 2000) -> RandomProgram {
        var current = program
        var tries = 0
        var improved = true
        while improved && tries < budget {
            improved = false
            for candidate in candidates(of: current) where tries < budget {
                tries += 1
                if ProgramCheck.failure(of: candidate, subsets: [passes]) != nil {
                    current = candidate
                    improved = true
                    break
                }
            }
        }
        return current
    }

    /// Smaller variants of `p`, most promising first. Each is well-shaped: a value is only ever
    /// replaced by one of the same shape defined before it.
    static func candidates(of p: RandomProgram) -> [RandomProgram] {
        var result: [RandomProgram] = []
        // Unused statements go first: they cost nothing to drop.
        for id in p.allStatements.map(\.id).reversed() where p.useCount(of: id) == 0 && id != p.loss {
            result.append(p.removing(id))
        }
        if var t = p.training {
            result.append(p.with(training: nil))
            if t.steps > 1 { t.steps -= 1; result.append(p.with(training: t)); t.steps += 1 }
            if t.momentum != 0 {
                var u = t
                u.momentum = 0; u.dampening = 0; u.nesterov = false
                result.append(p.with(training: u))
            }
            if t.weightDecay != 0 { var u = t; u.weightDecay = 0; result.append(p.with(training: u)) }
            for i in t.updated.indices where t.updated.count > 1 {
                var u = t
                u.updated.remove(at: i)
                result.append(p.with(training: u))
            }
        }
        for i in p.fetches.indices {
            var q = p
            q.fetches.remove(at: i)
            result.append(q)
        }
        let eager = EagerRun.evaluate(p, p.freshParameters(requiresGrad: false))
        for s in p.allStatements.reversed() {
            switch s.instruction {
            case .op(_, let args):
                for arg in Set(args) where p.shape(of: arg) == s.shape {
                    result.append(p.substituting(s.id, by: arg))
                }
                if let value = eager[s.id] { result.append(p.replacing(s.id, by: .constant(values: value.data))) }
            case let .cond(_, then, otherwise):
                for branch in [then, otherwise] { result.append(p.replacing(s.id, inlining: branch)) }
                if let value = eager[s.id] { result.append(p.replacing(s.id, by: .constant(values: value.data))) }
            case .tie(_, let of):
                result.append(p.substituting(s.id, by: of))
            case .parameter(_, let values), .input(_, let values):
                result.append(p.replacing(s.id, by: .constant(values: values)))
            case .constant:
                continue
            }
        }
        return result.filter { $0.isWellFormed }
    }
}

extension RandomProgram {
    /// Every statement, branch statements included.
    var allStatements: [Statement] {
        func flatten(_ statements: [Statement]) -> [Statement] {
            statements.flatMap { s -> [Statement] in
                if case let .cond(_, then, otherwise) = s.instruction {
                    return flatten(then.statements) + flatten(otherwise.statements) + [s]
                }
                return [s]
            }
        }
        return flatten(statements)
    }

    func shape(of id: Int) -> [Int]? { allStatements.first { $0.id == id }?.shape }

    /// How often `id` is read: by statements, branch results, fetches, the loss, updates and ties.
    func useCount(of id: Int) -> Int {
        var count = 0
        for s in allStatements {
            switch s.instruction {
            case .op(_, let args): count += args.filter { $0 == id }.count
            case .tie(_, let of): count += of == id ? 1 : 0
            case let .cond(p, then, otherwise):
                count += [p, then.result, otherwise.result].filter { $0 == id }.count
            default: break
            }
        }
        count += fetches.filter { $0 == id }.count + (loss == id ? 1 : 0)
        count += training?.updated.filter { $0 == id }.count ?? 0
        return count
    }

    /// Whether every read names a statement visible at that point and the training updates parameters.
    var isWellFormed: Bool {
        var visible = Set<Int>()
        func check(_ statements: [Statement]) -> Bool {
            let outer = visible
            defer { visible = outer }
            for s in statements {
                if case let .cond(p, then, otherwise) = s.instruction {
                    guard visible.contains(p) else { return false }
                    let before = visible
                    guard check(then.statements), visible.union(then.statements.map(\.id)).contains(then.result) else { return false }
                    visible = before
                    guard check(otherwise.statements), visible.union(otherwise.statements.map(\.id)).contains(otherwise.result) else { return false }
                    visible = before
                } else if !s.instruction.reads.allSatisfy(visible.contains) {
                    return false
                }
                visible.insert(s.id)
            }
            return true
        }
        guard check(statements) else { return false }
        let parameterIDs = Set(self.parameterIDs)
        for s in body { if case .tie(_, let of) = s.instruction, !parameterIDs.contains(of) { return false } }
        let top = Set(statements.map(\.id))
        guard top.contains(loss), fetches.allSatisfy(top.contains) else { return false }
        if let t = training {
            let parameters = Set(body.filter {
                if case .parameter = $0.instruction { return true }
                if case .tie = $0.instruction { return true }
                return false
            }.map(\.id))
            guard !t.updated.isEmpty, t.updated.allSatisfy(parameters.contains) else { return false }
        }
        return true
    }

    func with(training: Training?) -> RandomProgram {
        var q = self
        q.training = training
        return q
    }

    /// The program without statement `id` (which nothing reads).
    func removing(_ id: Int) -> RandomProgram {
        mapStatements { $0.id == id ? [] : [$0] }
    }

    /// Statement `id` with another instruction of the same shape.
    func replacing(_ id: Int, by instruction: Instruction) -> RandomProgram {
        mapStatements { $0.id == id ? [Statement(id: id, instruction: instruction, shape: $0.shape)] : [$0] }
    }

    /// The cond statement `id` replaced by one branch's statements, its value by the branch's result.
    func replacing(_ id: Int, inlining branch: Block) -> RandomProgram {
        mapStatements { $0.id == id ? branch.statements : [$0] }.substituting(id, by: branch.result)
    }

    /// Every read of `old` redirected to `new`.
    func substituting(_ old: Int, by new: Int) -> RandomProgram {
        func swap(_ id: Int) -> Int { id == old ? new : id }
        var q = mapStatements { s in
            var s = s
            switch s.instruction {
            case let .op(op, args): s.instruction = .op(op, args.map(swap))
            case let .tie(name, of): s.instruction = .tie(name: name, of: swap(of))
            case let .cond(p, then, otherwise):
                s.instruction = .cond(predicate: swap(p), then: Block(statements: then.statements, result: swap(then.result)),
                                      else: Block(statements: otherwise.statements, result: swap(otherwise.result)))
            default: break
            }
            return [s]
        }
        q.fetches = Array(Set(fetches.map(swap))).sorted()
        q.loss = swap(loss)
        if var t = training {
            t.updated = t.updated.map(swap)
            q.training = t
        }
        return q
    }

    /// The program with each statement (at any depth) replaced by `transform`'s statements.
    func mapStatements(_ transform: (Statement) -> [Statement]) -> RandomProgram {
        func map(_ statements: [Statement]) -> [Statement] {
            statements.flatMap { s -> [Statement] in
                var s = s
                if case let .cond(p, then, otherwise) = s.instruction {
                    s.instruction = .cond(predicate: p, then: Block(statements: map(then.statements), result: then.result),
                                          else: Block(statements: map(otherwise.statements), result: otherwise.result))
                }
                return transform(s)
            }
        }
        var q = self
        q.body = map(body)
        q.after = map(after)
        return q
    }
}
