import Foundation
import Testing
@testable import LessonKit

@Suite("Plan: errors with file:line, other lessons still run")
struct PlanTests {
    @Test func eachPlanErrorNamesItsLine() throws {
        let fixture = try FixtureRun("plan")
        let planned = try fixture.plan()
        let problems = Dictionary(uniqueKeysWithValues: planned.map { ($0.lesson.name, $0.problems) })
        #expect(planned.map(\.lesson.name) == ["01-unknown-attribute", "02-stray-output", "03-first", "03-second",
                                              "04-latin1", "05-bad-setting", "06-good"])
        #expect(problems["01-unknown-attribute"]?.map(\.description)
                == ["Lessons/01-unknown-attribute.md:3: error: unknown cell attribute 'hiden' (known: hidden, norun, skip, should-fail, compile-fail)"])
        #expect(problems["02-stray-output"]?.map(\.description)
                == ["Lessons/02-stray-output.md:5: error: an output block must come right after a swift cell"])
        #expect(problems["03-first"]?.map(\.description)
                == ["Lessons/03-first.md:1: error: lesson number 3 is also used by Lessons/03-second.md"])
        #expect(problems["03-second"]?.map(\.description)
                == ["Lessons/03-second.md:1: error: lesson number 3 is also used by Lessons/03-first.md"])
        #expect(problems["04-latin1"]?.map(\.description) == ["Lessons/04-latin1.md:4: error: the file is not valid UTF-8"])
        #expect(problems["05-bad-setting"]?.map(\.line) == [3, 3])
        #expect(problems["06-good"] == [])
    }

    @Test func goodLessonsRunAndBadOnesDoNot() throws {
        let fixture = try FixtureRun("plan")
        let results = try fixture.run()
        let good = try #require(results.named("06-good"))
        #expect(good.succeeded)
        #expect(good.cells.map(\.status) == [.passed])
        let bad = try #require(results.named("01-unknown-attribute"))
        #expect(bad.cells.map(\.status) == [.notReached])
        #expect(!bad.succeeded)
        let compiled = fixture.takeEvents().compactMap { if case .compiling(let l) = $0 { l.name } else { nil } }
        #expect(compiled == ["06-good"])
    }

    @Test func selectingLessons() throws {
        let planned = try FixtureRun("plan").plan()
        #expect(LessonSelector.select(["6"], from: planned).selected.map(\.lesson.name) == ["06-good"])
        #expect(LessonSelector.select(["good"], from: planned).selected.map(\.lesson.name) == ["06-good"])
        #expect(LessonSelector.select(["Lessons/02-stray-output.md"], from: planned).selected.count == 1)
        #expect(LessonSelector.select(["nope"], from: planned).problems == ["no lesson matches 'nope'"])
    }
}
