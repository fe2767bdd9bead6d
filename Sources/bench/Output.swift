import Foundation

/// Prints to standard error (progress, and the table when standard output carries JSON).
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
