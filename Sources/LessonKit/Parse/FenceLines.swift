/// The shape of a fence's opening line: its indentation and its run of backticks or tildes.
struct FenceLines {
    let indent: Int
    let character: Character
    let length: Int

    /// Reads the opening fence on `line`; nil when the line does not open a fence.
    init?(opening line: Substring) {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix { $0 == character }.count
        guard length >= 3 else { return nil }
        self.indent = indent
        self.character = character
        self.length = length
    }

    /// Whether `line` closes this fence: at least as many fence characters and nothing else.
    func isClosing(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " }
        let run = trimmed.prefix { $0 == character }.count
        return line.prefix { $0 == " " }.count <= 3 && run >= length
            && trimmed.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
