import Foundation
import Testing
@testable import LessonKit

@Suite("Plan cache: a lesson's plan checks are reused only for the same file, text and planner")
struct PlanCacheTests {
    private static let broken = """
        # T

        ```swift
        print(total)
        ```

        ```python torch
        print(1)
        ```

        ```swift
        let total = 3
        ```

        """

    @Test func cachedChecksEqualFreshOnesAndFollowTheText() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plan-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let lessons = root.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let file = lessons.appendingPathComponent("01-t.md")
        try Self.broken.write(to: file, atomically: true, encoding: .utf8)

        let fresh = LessonPlanner.plan(file: "Lessons/01-t.md", url: file)
        #expect(!fresh.problems.isEmpty)  // the forward reference
        #expect(!fresh.warnings.isEmpty)  // the near-miss info string
        let first = try LessonPlanner.plan(directory: lessons, packageRoot: root)
        let cached = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".lessons-cache/plans").path)
        #expect(cached.count == 1)
        let second = try LessonPlanner.plan(directory: lessons, packageRoot: root)
        #expect(first == [fresh])
        #expect(second == [fresh])

        try Self.broken.replacingOccurrences(of: "print(total)", with: "print(1)")
            .write(to: file, atomically: true, encoding: .utf8)
        let edited = try LessonPlanner.plan(directory: lessons, packageRoot: root)
        #expect(edited.first?.problems == [])
        #expect(edited.first?.warnings == fresh.warnings)
    }
}
