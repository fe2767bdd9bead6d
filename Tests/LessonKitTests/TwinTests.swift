import Foundation
import Testing
@testable import LessonKit

/// The python the twin tests run: `LESSONS_PYTHON` (the Makefile sets it to the pinned venv), else python3.
private let testPython = TwinPython(executable: ProcessInfo.processInfo.environment[TwinPython.environmentVariable]
                                    ?? TwinPython.defaultExecutable)

@Suite("Twins: PyTorch twins parsed, run in one Python process, checked, accepted and rendered")
struct TwinTests {
    /// The twin fixtures run once with real PyTorch.
    static let fixture = Result { try FixtureRun("twins") }
    static let results: Result<[LessonResult], Error> = Result {
        let fixture = try Self.fixture.get()
        var configuration = fixture.configuration()
        configuration.python = testPython
        return try LessonRunner(configuration).runAll(fixture.plan())
    }

    func lesson(_ name: String) throws -> LessonResult {
        try #require(try Self.results.get().named(name))
    }

    // MARK: Parse and plan

    @Test func anOutputFenceAfterATwinIsTheTwinsOutput() throws {
        let text = "```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```python pytorch should-fail hidden\nprint(1)\n```\n\n```output\n1\n```\n"
        let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-x.md", absolutePath: "/x/01-x.md")
        #expect(lesson.cells.count == 1 && lesson.cells[0].output?.line == 5)
        let twin = try #require(lesson.twins.first)
        #expect(twin.output?.line == 13 && twin.output?.content == "1\n")
        #expect(twin.attributes == [.shouldFail, .hidden] && twin.line == 9 && twin.cellIndex == 0)
        #expect(LessonPlanner.check(lesson).isEmpty)
    }

    @Test func anUnknownTwinAttributeIsAPlanError() {
        let text = "```swift\nlet a = 1\n```\n\n```python pytorch compile-fail\nx\n```\n"
        let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-x.md", absolutePath: "/x/01-x.md")
        #expect(LessonPlanner.check(lesson).map(\.description)
                == ["Lessons/01-x.md:5: error: unknown PyTorch twin attribute 'compile-fail' (known: hidden, norun, skip, should-fail)"])
    }

    // MARK: Run and check (real PyTorch)

    @Test func twinsShareOneNamespaceAndTheirOutputIsChecked() throws {
        let result = try lesson("01-twins")
        #expect(result.twins.map(\.status) == [.passed, .passed, .expectedFailure, .passed, .compiledOnly, .skipped])
        #expect(result.twins[1].stdout == "tensor([0.5000, 1.0000])\n")
        #expect(result.cells.allSatisfy { $0.status.isSuccess })
        #expect(result.succeeded && result.passedCount == 12 && result.torchVersion?.isEmpty == false)
    }

    @Test func aShouldFailTwinMatchesWhatItPrintedThenTheException() throws {
        let twin = try lesson("01-twins").twins[2]
        #expect(twin.actual == "before\nRuntimeError: shape '[3]' is invalid for input of size 2\n")
        #expect(twin.error == "RuntimeError: shape '[3]' is invalid for input of size 2")
    }

    @Test func printedRecordsCannotForgeATwinsEnd() throws {
        // The hidden twin printed a JSON line shaped like the driver's end record; it is only output.
        let twin = try lesson("01-twins").twins[3]
        #expect(twin.status == .passed)
        #expect(twin.stdout.hasPrefix("UserWarning: shown without a path\n{\"twin\": 4"))
    }

    @Test func aFailingTwinIsReportedAtTheLineThatRaised() throws {
        let result = try lesson("02-twin-fails")
        #expect(result.twins.map(\.status) == [.passed, .failed, .failed, .failed])
        let raised = result.twins[1]
        #expect(raised.stdout == "before\n")
        #expect(raised.errorLine == 9)  // `return x.missing`, inside the function the first twin defined
        #expect(raised.error?.hasSuffix("AttributeError: 'int' object has no attribute 'missing'\n") == true)
        #expect(raised.error?.contains("File \"Lessons/02-twin-fails.md\", line 18, in <module>\n    explode(1)\n") == true)
        #expect(raised.error?.contains("line 9, in explode\n    return x.missing\n") == true)
        #expect(result.twins[2].error == "the twin ran to the end, but it is marked should-fail")
        #expect(result.twins[3].diff?.contains("-right\n+wrong\n") == true)
        #expect(!result.succeeded && result.cells.allSatisfy { $0.status.isSuccess })
    }

    @Test func aHangingTwinTimesOutAndTheRestAreNotReached() throws {
        let result = try lesson("03-twin-timeout")
        #expect(result.twins.map(\.status) == [.failed, .notReached])
        #expect(result.twins[0].stdout == "sleeping\n")
        #expect(result.twins[0].error?.hasPrefix("timed out after 20 s") == true)
        // The hanging twin named its process (other suites' child processes may run meanwhile).
        #expect(!ProcessTable.names().contains("hanging-twin"))
    }

    @Test func theCacheKeyCoversThePyTorchVersion() throws {
        let fixture = try Self.fixture.get()
        var configuration = fixture.configuration()
        let lesson = try #require(try Self.results.get().named("01-twins")).lesson
        let withoutTwins = try LessonRunner(configuration).cacheKey().key(for: lesson)
        configuration.python = testPython
        let runner = LessonRunner(configuration)
        let identity = try #require(try runner.twinIdentity())
        #expect(identity.fingerprint.hasPrefix("torch \(identity.torchVersion) python 3."))
        #expect(try runner.cacheKey(twins: identity).key(for: lesson) != withoutTwins)
    }

    @Test func startingEarlyStartsTheServerOnlyWhenTwinsWillRun() throws {
        let fixture = try FixtureRun("twins")
        for name in ["02-twin-fails.md", "03-twin-timeout.md"] {
            try FileManager.default.removeItem(at: fixture.lessonsDirectory.appendingPathComponent(name))
        }
        var configuration = fixture.configuration()
        configuration.python = testPython
        let cold = LessonRunner(configuration)
        cold.startEarly(lessonsIn: fixture.lessonsDirectory)
        let started = try #require(cold.headStart.take())
        #expect(started.server != nil)
        started.server?.stop()

        // The server started early runs the twins.
        let runner = LessonRunner(configuration)
        runner.startEarly(lessonsIn: fixture.lessonsDirectory)
        let results = try runner.runAll(fixture.plan())
        #expect(runner.headStart.take() == nil)
        #expect(results.count == 1 && results[0].succeeded && !results[0].twins.isEmpty)

        // Every result current: no Python is started, and the key is the one a run computes.
        let warm = LessonRunner(configuration)
        warm.startEarly(lessonsIn: fixture.lessonsDirectory)
        let ready = try #require(warm.headStart.take())
        #expect(ready.server == nil)
        #expect(ready.key.key(for: results[0].lesson) == (try warm.cacheKey(twins: ready.identity)).key(for: results[0].lesson))
        #expect(try warm.runAll(fixture.plan()).allSatisfy(\.fromCache))

        // --force runs the twins again.
        configuration.useCache = false
        let forced = LessonRunner(configuration)
        forced.startEarly(lessonsIn: fixture.lessonsDirectory)
        let again = try #require(forced.headStart.take())
        #expect(again.server != nil)
        again.server?.stop()
    }

    @Test func theKeptIdentityIsTheAskedOne() throws {
        let memo = ToolMemo(directory: FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: memo.directory) }
        let environment = ProcessInfo.processInfo.environment
        let asked = try testPython.identity(environment: environment)
        #expect(try testPython.identity(environment: environment, memo: memo) == asked)
        #expect(try testPython.identity(environment: environment, memo: memo) == asked)
    }

    @Test func aPythonWithoutTorchIsOneClearError() throws {
        let python = TwinPython(executable: "/bin/false")
        #expect(throws: RunnerError.self) { try python.identity(environment: [:]) }
        do { _ = try python.identity(environment: [:]) } catch {
            #expect("\(error)".contains("cannot import it (exited with status 1); run `make deps`"))
        }
    }

    // MARK: Accept and render

    @Test func acceptWritesATwinsOutputAfterTheTwin() throws {
        let text = "```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```python pytorch\nprint(2)\n```\n\n## Next\n"
        let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-x.md", absolutePath: "/x/01-x.md")
        let twin = CellResult(index: 0, line: 9, status: .failed, stdout: "2\n", actual: "2\n", diff: "differs")
        let result = LessonResult(lesson: lesson, cells: [CellResult(index: 0, line: 1, status: .passed)],
                                  twins: [twin], problems: [], fromCache: false, seconds: 0)
        let change = try #require(OutputAccepter.accept(result))
        #expect(change.text == "```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```python pytorch\nprint(2)\n```\n\n```output\n2\n```\n\n## Next\n")
        #expect(change.cellLines == [9])
    }

    @Test func theTwinsCheckedOutputIsInItsTab() throws {
        let text = "# T\n\n```swift\nlet a = 1\n```\n\n```python pytorch\nprint(a)\n```\n\n```output\n1\n```\n"
        var result = RenderFixture.result("01-t", text)
        result.twins = [CellResult(index: 0, line: 7, status: .passed, stdout: "1\n", actual: "1\n")]
        result.torchVersion = "2.13.0+cpu"
        let page = RenderFixture.page(try RenderFixture.site([result]), "01-t.html")
        #expect(page.contains("<pre class=\"output twin-output\" data-panel=\"python\" data-label=\"Output · checked with PyTorch 2.13.0\" aria-label=\"PyTorch output\">1</pre>"))
    }

    @Test func aFailedTwinShowsItsErrorAndAHiddenTwinIsLeftOut() throws {
        let text = "# T\n\n```swift\nlet a = 1\n```\n\n```python pytorch\nprint(b)\n```\n\n```swift\nlet c = 2\n```\n\n```python pytorch hidden\nsecret = 1\n```\n"
        var result = RenderFixture.result("01-t", text)
        result.twins = [CellResult(index: 0, line: 7, status: .failed, error: "NameError: name 'b' is not defined"),
                        CellResult(index: 1, line: 15, status: .passed)]
        result.torchVersion = "2.13.0+cpu"
        let page = RenderFixture.page(try RenderFixture.site([result]), "01-t.html")
        #expect(page.contains("<pre class=\"output twin-output failure\" data-panel=\"python\" data-label=\"This twin failed with PyTorch 2.13.0\" aria-label=\"PyTorch output\">NameError: name &#39;b&#39; is not defined</pre>"))
        #expect(!page.contains("secret"))
        #expect(page.components(separatedBy: "data-tab=\"python\"").count - 1 == 1)
    }
}
