/// Highlights the PyTorch twins (Python) with a small hand-written tokenizer: comments, strings,
/// numbers, keywords, decorators and capitalised names (classes), each in a `tok-KIND` span.
public enum PythonHighlighter {
    /// Returns `source` as escaped HTML with token spans (no trailing newline).
    public static func html(_ source: String) -> String {
        let chars = Array(source)
        var out = ""
        var i = 0
        func emit(_ kind: String?, _ start: Int, _ end: Int) {
            out += HTMLEscape.tokenSpans(HTMLEscape.text(String(chars[start..<end])), kind: kind)
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                emit("comment", start, i)
            } else if c == "\"" || c == "'" {
                i = stringEnd(chars, from: i)
                emit("string", start, i)
            } else if c.isNumber {
                while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "_"
                    || chars[i] == "e" || chars[i] == "x" || chars[i].isHexDigit { i += 1 }
                emit("number", start, i)
            } else if c == "@", i + 1 < chars.count, chars[i + 1].isLetter {
                i += 1
                while i < chars.count, isNameCharacter(chars[i]) || chars[i] == "." { i += 1 }
                emit("attribute", start, i)
            } else if c.isLetter || c == "_" {
                while i < chars.count, isNameCharacter(chars[i]) { i += 1 }
                let word = String(chars[start..<i])
                if i < chars.count, chars[i] == "\"" || chars[i] == "'", stringPrefixes.contains(word.lowercased()) {
                    i = stringEnd(chars, from: i)
                    emit("string", start, i)
                } else if keywords.contains(word) {
                    emit("keyword", start, i)
                } else {
                    emit(word.first!.isUppercase ? "type" : "identifier", start, i)
                }
            } else {
                i += 1
                emit(nil, start, i)
            }
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    private static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// The index after the string literal opening at `start` (single, double or triple quoted).
    private static func stringEnd(_ chars: [Character], from start: Int) -> Int {
        let quote = chars[start]
        let triple = start + 2 < chars.count && chars[start + 1] == quote && chars[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if !triple && chars[i] == "\n" { return i }
            if chars[i] == quote {
                if !triple { return i + 1 }
                if i + 2 < chars.count, chars[i + 1] == quote, chars[i + 2] == quote { return i + 3 }
            }
            i += 1
        }
        return chars.count
    }

    private static let stringPrefixes: Set<String> = ["f", "r", "b", "rb", "br", "fr", "rf", "u"]

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "self",
    ]
}
