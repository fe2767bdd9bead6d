/// The Swift code every generated lesson program starts with: line-buffered stdout (so output
/// printed before a crash survives), the control channel, the output limit, the fork that runs a
/// `should-fail` cell in a child process, and `display(dot:)` / `display(svg:)`.
///
/// Cell boundaries never travel in the cells' own output: `_lessonkitRecord` writes them to file
/// descriptor 3 (`controlDescriptor`, a file the runner opens and the cells' children do not
/// inherit) as lines holding the byte offsets of stdout and stderr at that point:
///
///     begin <cell> <stdout offset> <stderr offset>
///     status <cell> <wait status> <stdout offset> <stderr offset>   (after a should-fail cell's child)
///     end <stdout offset> <stderr offset>
enum Prologue {
    /// Environment variable naming the file `display(dot:)`/`display(svg:)` append to.
    static let displayFileVariable = "LESSONKIT_DISPLAY_FILE"
    /// Environment variable holding the most bytes the program may write to any one file.
    static let outputLimitVariable = "LESSONKIT_OUTPUT_LIMIT"
    /// Environment variable holding the runner's pid: the program stops when it is not its parent.
    static let runnerVariable = "LESSONKIT_RUNNER_PID"
    /// The descriptor the boundary records go to.
    static let controlDescriptor: Int32 = 3

    static let source = #"""
    #if canImport(Glibc)
    import Glibc
    #elseif canImport(Darwin)
    import Darwin
    #endif

    setvbuf(stdout, nil, _IOLBF, 0)
    var _lessonkitCell = -1
    _lessonkitStart()

    /// Before the first cell: keeps the control channel from the cells' child processes, caps the
    /// size of every file the program writes (stdout included: SIGXFSZ past the cap), and makes
    /// the program die with the runner.
    func _lessonkitStart() {
        _ = fcntl(3, F_SETFD, FD_CLOEXEC)
        if let text = getenv("LESSONKIT_OUTPUT_LIMIT"), let limit = UInt64(String(cString: text)) {
            var bound = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
            #if canImport(Glibc)
            _ = setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &bound)
            #else
            _ = setrlimit(RLIMIT_FSIZE, &bound)
            #endif
        }
        #if os(Linux)
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        if let prctl = dlsym(nil, "prctl") {
            _ = unsafeBitCast(prctl, to: Prctl.self)(1 /* PR_SET_PDEATHSIG */, UInt(SIGKILL), 0, 0, 0)
        }
        if let runner = getenv("LESSONKIT_RUNNER_PID"), getppid() != pid_t(atoi(runner)) { _exit(70) }
        #endif
    }

    /// Writes one boundary record, with the current stdout and stderr offsets, to the control channel.
    func _lessonkitRecord(_ record: String) {
        fflush(stdout)
        fflush(stderr)
        let line = record + " \(lseek(1, 0, SEEK_CUR)) \(lseek(2, 0, SEEK_CUR))\n"
        _ = line.withCString { write(3, $0, strlen($0)) }
    }

    /// Marks the start of cell `index`.
    func _lessonkitBegin(_ index: Int) {
        _lessonkitCell = index
        _lessonkitRecord("begin \(index)")
    }

    /// Marks that every cell ran.
    func _lessonkitEnd() {
        _lessonkitRecord("end")
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
        _lessonkitRecord("status \(_lessonkitCell) \(status)")
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
