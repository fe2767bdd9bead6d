/// Progress reported while lessons are compiled and run (from worker threads).
public enum RunEvent: Sendable {
    case compiling(Lesson)
    case running(Lesson)
    case finished(LessonResult)
}
