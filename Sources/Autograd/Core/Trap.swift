#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shape or argument error, worded as PyTorch words it.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    /// The message, e.g. "mat1 and mat2 shapes cannot be multiplied (2x5 and 3x5)".
    public let message: String
    /// An error with PyTorch's wording of the problem.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Stops the program for a programmer error (a bad shape or argument), naming the caller's line.
///
/// Prints `file:line: Fatal error: message` to standard error (after flushing standard output, so
/// nothing the program printed before is lost) and aborts.
/// Operators cannot take caller locations, so they pass `file: nil` (the crash backtrace still shows
/// the caller). When the location is inside the library itself (a `Linear` calling `linear`), the
/// error names the innermost place where the program called a module instead.
func programmerError(_ message: String, file: String?, line: Int) -> Never {
    fflush(stdout)
    var site = file.map { (file: $0, line: line) }
    if site.map({ isLibraryFile($0.file) }) ?? true, let caller = TapeState.current.callSites.last {
        site = caller
    }
    let location = site.map { "\($0.file):\($0.line): " } ?? ""
    fputs("\(location)Fatal error: \(message)\n", stderr)
    fflush(stderr)
    abort()
}

/// Runs a throwing shape check and turns its error into a programmer error at the caller's line.
@inline(__always)
func checked<T>(file: String?, line: Int, _ body: () throws(ShapeError) -> T) -> T {
    do {
        return try body()
    } catch {
        programmerError(error.message, file: file, line: line)
    }
}


/// The folder holding the library's sources, as `#filePath` spells it.
private let librarySourceRoot: String = {
    var path = #filePath
    for _ in 0..<2 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
    return path + "/"
}()

/// Whether `file` is one of the library's own sources (not the program's code).
func isLibraryFile(_ file: String) -> Bool { file.hasPrefix(librarySourceRoot) }

/// Runs `body` (a module's forward pass) remembering where the program called it, so that a shape
/// error deep inside the module names the program's line. Calls made by the library itself
/// (`Sequential` calling its layers) are not remembered: the program's call stays the one named.
@inline(__always)
func withCallSite<T>(file: String, line: Int, _ body: () -> T) -> T {
    if isLibraryFile(file) { return body() }
    let state = TapeState.current
    state.callSites.append((file, line))
    defer { state.callSites.removeLast() }
    return body()
}
