#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shape or argument error, worded as PyTorch words it.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    /// The message, e.g. "mat1 and mat2 shapes cannot be multiplied (2x5 and 3x5)".
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Stops the program for a programmer error (a bad shape or argument), naming the caller's line.
///
/// Prints `file:line: Fatal error: message` to standard error (after flushing standard output, so
/// nothing the program printed before is lost) and aborts.
/// Operators cannot take caller locations, so they pass `file: nil` (the crash backtrace still shows
/// the caller).
func programmerError(_ message: String, file: String?, line: Int) -> Never {
    fflush(stdout)
    let location = file.map { "\($0):\(line): " } ?? ""
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
