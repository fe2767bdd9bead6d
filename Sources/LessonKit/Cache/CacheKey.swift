/// What a lesson's cached results depend on: change any of it and the lesson is compiled and run again.
struct CacheKey {
    /// Fingerprint of the library sources (`Sources/Autograd`, `Sources/CBLAS`) and the built archive.
    let library: String
    /// `swiftc --version`.
    let toolchain: String
    /// `LessonRunner.version` and a fingerprint of the runner's sources when they are present.
    let runner: String
    /// The environment variables lesson programs get that change what they print.
    let environment: String
    /// The PyTorch, Python and driver the twins run with (`TwinPython.Identity`), or that they do not run.
    var twins: String = "no twins"

    /// The key for one lesson's text.
    func key(for lesson: Lesson) -> String {
        var hash = SHA256()
        for part in [lesson.file, lesson.text, library, toolchain, runner, environment, twins] {
            hash.update("\(part.utf8.count):")
            hash.update(part)
        }
        return hash.hexDigest()
    }
}
