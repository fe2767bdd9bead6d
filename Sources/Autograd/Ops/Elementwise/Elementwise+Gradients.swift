extension BinaryOp {
    /// The vector–Jacobian product of `a op b` (see ``Op/vjp(_:)``).
    func vjp<B: GradientBuilder>(_ b: B) throws(B.Failure) {
        let g = b.upstream
        switch self {
        case .add:
            try b.pass(g, to: 0)
            try b.pass(g, to: 1)
        case .sub:
            try b.pass(g, to: 0)
            if b.needs(1) { try b.pass(try b.apply(.neg, g), to: 1) }
        case .mul:
            try b.passProduct(g, b.input(1), to: 0)
            try b.passProduct(g, b.input(0), to: 1)
        case .div:
            let (x, y) = (b.input(0), b.input(1))
            if b.needs(0) { try b.pass(try b.apply(.div, g, y), to: 0) }
            if b.needs(1) {
                // -g · a / b², as the tape has always computed it.
                try b.pass(try b.apply(.div, try b.apply(.mul, try b.apply(.neg, g), x), try b.apply(.mul, y, y)), to: 1)
            }
        }
    }
}

