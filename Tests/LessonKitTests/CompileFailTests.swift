import Testing
@testable import LessonKit

@Suite("Run: compile-fail cells whose errors come after type checking")
struct CompileFailTests {
    /// Definite initialization and differentiation report their errors from SIL's mandatory passes,
    /// which a type-check alone never runs: a compile-fail cell must still see them.
    @Test func errorsFromMandatoryPassesCount() throws {
        let result = try #require(try FixtureRun("compile-fail").run().first)
        #expect(result.cells.map(\.status) == [.compileFail, .compileFail])
        #expect(result.cells[0].error == "error: constant 'count' used before being initialized")
        #expect(result.cells[1].error == "error: expression is not differentiable")
    }
}
