import SwiftParser
import SwiftSyntax

/// Finds names a cell uses that only a later cell declares. All cells are top-level code of one
/// `main.swift`, where Swift accepts such a use and the program then reads a global before it is
/// initialized (a crash, or garbage); a notebook user expects a name error, so the planner reports
/// the use and the declaration before anything is compiled.
///
/// Only code that runs when the cell runs counts as a use: names inside function bodies, closures
/// and type declarations may refer to later globals (they run when called). A name the cell or an
/// earlier cell declares anywhere (a local, a parameter, a loop variable) is never reported.
enum ForwardReferenceCheck {
    static func problems(in lesson: Lesson) -> [Problem] {
        // Cells whose declarations are globals of the program: the ones it runs at top level.
        let compiled = lesson.cells.filter { !$0.has(.skip) && !$0.has(.compileFail) }
        let trees = compiled.map { Parser.parse(source: $0.source) }
        var declaredSoFar = Set<String>()
        var problems: [Problem] = []
        for (position, (cell, tree)) in zip(compiled, trees).enumerated() {
            declaredSoFar.formUnion(AllDeclaredNames.in(tree))
            guard !cell.has(.norun) else { continue }
            let converter = SourceLocationConverter(fileName: lesson.file, tree: tree)
            for use in ImmediateUses.in(tree) where !declaredSoFar.contains(use.name) {
                guard let later = (position + 1..<compiled.count).first(where: { declares(compiled[$0], trees[$0], use.name) }),
                      let declaration = TopLevelDeclarations.in(trees[later])[use.name] else { continue }
                let here = location(use.position, in: cell, converter)
                let there = location(declaration, in: compiled[later],
                                     SourceLocationConverter(fileName: lesson.file, tree: trees[later]))
                problems.append(Problem(
                    file: lesson.file, line: here.line, column: here.column,
                    message: "'\(use.name)' is used before the cell that declares it (cells run in order, like a notebook: "
                        + "move the declaration to this cell or an earlier one)",
                    detail: "\(lesson.file):\(there.line):\(there.column): note: '\(use.name)' is declared here, "
                        + "in the cell at line \(compiled[later].line)"))
            }
        }
        return problems
    }

    /// Whether `cell` declares `name` as a global of the program (cells wrapped in a branch do not).
    private static func declares(_ cell: Cell, _ tree: SourceFileSyntax, _ name: String) -> Bool {
        !cell.has(.norun) && !cell.has(.shouldFail) && TopLevelDeclarations.in(tree)[name] != nil
    }

    private static func location(_ position: AbsolutePosition, in cell: Cell, _ converter: SourceLocationConverter) -> (line: Int, column: Int) {
        let location = converter.location(for: position)
        return (cell.code.contentLine + location.line - 1, cell.code.indent + location.column)
    }
}

/// The names a cell's top-level declarations introduce (variables, functions, types), with the
/// position of the first declaration of each.
private enum TopLevelDeclarations {
    static func `in`(_ tree: SourceFileSyntax) -> [String: AbsolutePosition] {
        var names: [String: AbsolutePosition] = [:]
        func add(_ token: TokenSyntax) {
            if names[token.text] == nil { names[token.text] = token.positionAfterSkippingLeadingTrivia }
        }
        for item in tree.statements {
            switch item.item {
            case .decl(let decl):
                if let variable = decl.as(VariableDeclSyntax.self) {
                    for binding in variable.bindings { IdentifierCollector.patterns(in: Syntax(binding.pattern)).forEach(add) }
                } else if let function = decl.as(FunctionDeclSyntax.self) {
                    add(function.name)
                } else if let named = decl.asProtocol(NamedDeclSyntax.self) {
                    add(named.name)
                }
            case .stmt(let statement):
                if let guardStatement = statement.as(GuardStmtSyntax.self) {
                    IdentifierCollector.patterns(in: Syntax(guardStatement.conditions)).forEach(add)
                }
            case .expr:
                continue
            }
        }
        return names
    }
}

/// Every name a cell declares anywhere: variables and constants, parameters, functions, types.
private enum AllDeclaredNames {
    static func `in`(_ tree: SourceFileSyntax) -> Set<String> {
        let collector = IdentifierCollector(viewMode: .sourceAccurate)
        collector.walk(tree)
        return Set(collector.declared.map(\.text))
    }
}

/// Collects tokens that declare a name: every named declaration (functions, types, enum cases,
/// generic parameters), variable patterns, and function and closure parameters.
private final class IdentifierCollector: SyntaxAnyVisitor {
    var declared: [TokenSyntax] = []

    static func patterns(in node: Syntax) -> [TokenSyntax] {
        let collector = IdentifierCollector(viewMode: .sourceAccurate)
        collector.walk(node)
        return collector.declared
    }

    override func visitAny(_ node: Syntax) -> SyntaxVisitorContinueKind {
        if let named = node.asProtocol(NamedDeclSyntax.self) {
            declared.append(named.name)
        } else if let pattern = node.as(IdentifierPatternSyntax.self) {
            declared.append(pattern.identifier)
        } else if let parameter = node.as(FunctionParameterSyntax.self) {
            declared.append(parameter.secondName ?? parameter.firstName)
        } else if let parameter = node.as(ClosureParameterSyntax.self) {
            declared.append(parameter.secondName ?? parameter.firstName)
        } else if let parameter = node.as(ClosureShorthandParameterSyntax.self) {
            declared.append(parameter.name)
        }
        return .visitChildren
    }
}

/// Names a cell's code reads when the cell runs: references outside function bodies, closures,
/// accessors and type declarations, and not after a `.` (members) or in a key path.
private final class ImmediateUses: SyntaxVisitor {
    struct Use {
        let name: String
        let position: AbsolutePosition
    }

    var uses: [Use] = []

    static func `in`(_ tree: SourceFileSyntax) -> [Use] {
        let visitor = ImmediateUses(viewMode: .sourceAccurate)
        visitor.walk(tree)
        return visitor.uses
    }

    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
        if case .identifier(let name) = node.baseName.tokenKind,
           node.parent?.as(MemberAccessExprSyntax.self)?.declName.id != node.id,
           node.parent?.is(KeyPathPropertyComponentSyntax.self) != true {
            uses.append(Use(name: name, position: node.positionAfterSkippingLeadingTrivia))
        }
        return .visitChildren
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: AccessorBlockSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
}
