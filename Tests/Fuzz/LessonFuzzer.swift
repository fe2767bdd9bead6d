// A libFuzzer target for the two parts of the runner that read untrusted bytes: the lesson parser
// (with the forbidden-character check the planner runs first) and the splitter of a lesson
// program's output. `make fuzz` compiles it with Sources/LessonKit/Parse and the splitter's files
// (`swiftc -sanitize=fuzzer,address -parse-as-library`) and runs it on a corpus of the real lessons.

/// One input: the whole of it as a lesson, and the same bytes cut at 0xFF into the program's
/// stdout, stderr, control channel and display file.
@_cdecl("LLVMFuzzerTestOneInput")
public func lessonFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fuzzParser(bytes)
    fuzzSplitter(bytes)
    return 0
}

/// Checks the parse of `bytes` as a lesson: any NUL reported; for a lesson the planner accepts,
/// cells numbered in order, every block inside the file, prose in document order.
func fuzzParser(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let problem = ForbiddenCharacters.problem(in: text, file: "Lessons/01-fuzz.md")
    if bytes.contains(0) { require(problem != nil, "a NUL was not reported") }
    // The planner refuses a lesson with a forbidden character; the line invariants hold for the others.
    guard problem == nil else { return }
    let (lesson, _) = LessonParser.parse(text: text, file: "Lessons/01-fuzz.md", absolutePath: "/fuzz/Lessons/01-fuzz.md")
    let lineCount = SourceLines(text).count
    for (index, cell) in lesson.cells.enumerated() {
        require(cell.index == index, "cells out of order")
        for fence in [cell.code, cell.output, cell.pythonTwin].compactMap({ $0 }) {
            require(fence.line >= 1 && fence.line <= fence.endLine && fence.endLine <= max(lineCount, 1),
                    "a fence outside the file")
        }
    }
    var previousEnd = 0
    for block in lesson.blocks {
        guard case .prose(let prose) = block else { continue }
        require(prose.startLine > previousEnd && prose.startLine <= prose.endLine && prose.endLine <= lineCount,
                "prose out of order or outside the file")
        previousEnd = prose.endLine
    }
}

/// Checks the split of a program's output: no cell gets more bytes than were written, and the
/// cells that started are exactly those a `begin` record names.
func fuzzSplitter(_ bytes: [UInt8]) {
    let parts = bytes.split(separator: 0xFF, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
    let part = { (i: Int) in i < parts.count ? parts[i] : [] }
    let output = ProgramOutput(stdout: part(0), stderr: part(1), control: part(2), display: part(3))
    let records = ProgramOutput.records(part(2))
    let begun = Set(records.compactMap { record -> Int? in
        if case .begin(let cell) = record.kind { return cell } else { return nil }
    })
    require(output.lastStarted == begun.max(), "lastStarted is not the last begun cell")
    let stdoutBytes = output.cells.values.reduce(0) { $0 + $1.stdout.utf8.count }
    // Invalid UTF-8 becomes U+FFFD (3 bytes) per bad byte at most.
    require(stdoutBytes <= 3 * part(0).count, "cells hold more stdout than was written")
    if records.isEmpty { require(output.cells.values.allSatisfy { $0.stdout.isEmpty && $0.stderr.isEmpty }, "output without a cell") }
}

func require(_ condition: Bool, _ message: String) {
    if !condition { fatalError(message) }
}
