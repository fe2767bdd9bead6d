/// The Swift code every generated lesson program starts with: line-buffered stdout (so output
/// printed before a crash survives), cell markers on stdout and stderr, the fork that runs a
/// `should-fail` cell in a child process, and `display(dot:)` / `display(svg:)`.
enum Prologue {
    /// Environment variable naming the file `display(dot:)`/`display(svg:)` append to.
    static let displayFileVariable = "LESSONKIT_DISPLAY_FILE"

    static let source = #"""
    #if canImport(Glibc)
    import Glibc
    #elseif canImport(Darwin)
    import Darwin
    #endif

    setvbuf(stdout, nil, _IOLBF, 0)
    var _lessonkitCell = -1

    func _lessonkitMark(_ marker: String) {
        let text = "\u{1E}lessonkit:" + marker + "\u{1E}"
        fflush(stdout)
        fputs(text, stdout)
        fflush(stdout)
        fputs(text, stderr)
        fflush(stderr)
    }

    /// Marks the start of cell `index` on stdout and stderr.
    func _lessonkitBegin(_ index: Int) {
        _lessonkitCell = index
        _lessonkitMark("cell:\(index)")
    }

    /// Marks that every cell ran.
    func _lessonkitEnd() {
        _lessonkitMark("end")
    }

    /// False, in a way the compiler cannot see: wraps `norun` cells.
    func _lessonkitNever() -> Bool {
        getenv("LESSONKIT_NEVER_SET") != nil
    }

    /// Forks before a `should-fail` cell: true in the child, which runs the cell; the parent waits,
    /// records how the child ended, and goes on with the state from before the cell.
    func _lessonkitFork() -> Bool {
        fflush(stdout)
        fflush(stderr)
        let child = fork()
        if child == 0 { return true }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        _lessonkitMark("status:\(_lessonkitCell):\(status)")
        return false
    }

    /// Ends the child of a `should-fail` cell that did not fail.
    func _lessonkitSurvived() -> Never {
        fflush(stdout)
        fflush(stderr)
        _exit(0)
    }

    func _lessonkitDisplay(_ kind: String, _ text: String) {
        guard let path = getenv("LESSONKIT_DISPLAY_FILE"), let file = fopen(path, "a") else { return }
        let bytes = Array(text.utf8)
        fputs("\(_lessonkitCell) \(kind) \(bytes.count)\n", file)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    /// Shows a graph (Graphviz DOT source) below the cell.
    func display(dot: String) { _lessonkitDisplay("dot", dot) }

    /// Shows an SVG picture below the cell.
    func display(svg: String) { _lessonkitDisplay("svg", svg) }

    """#
}
