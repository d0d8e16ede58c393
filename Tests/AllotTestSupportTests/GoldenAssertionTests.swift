import AllotTestSupport
import Foundation
import Testing

// While re-recording, the helper writes instead of comparing, so there is nothing to check here.
@Suite("Golden files", .disabled(if: GoldenFiles.isRecording, "golden files are being re-recorded"))
struct GoldenAssertionTests {
    @Test func aMatchingTextPasses() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("report.md")
        try Data("total 1,200\n".utf8).write(to: file)
        assertMatchesGolden("total 1200.0000000001\n", file: file)
    }

    @Test func aDifferenceIsAnIssueNamingTheFileAndTheLine() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("report.md")
        try Data("a\nb 1\n".utf8).write(to: file)
        let path = file.path
        withKnownIssue {
            assertMatchesGolden("a\nb 2\n", file: file)
        } matching: { issue in
            let comment = issue.comments.map(\.rawValue).joined()
            return comment.contains(path) && comment.contains("line 2 differs") && comment.contains("ALLOT_RECORD_GOLDENS=1")
        }
    }

    @Test func aMissingGoldenFileIsAnIssue() throws {
        let folder = try TemporaryDirectory()
        withKnownIssue {
            assertMatchesGolden("a\n", file: folder.url.appendingPathComponent("missing.md"))
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().hasPrefix("no golden file")
        }
    }
}
