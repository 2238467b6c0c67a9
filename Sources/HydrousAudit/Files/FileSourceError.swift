import Foundation

/// Why a file under review (`hydrous-audit check`) could not be read at all.
/// Problems inside a file that leave the rest readable (a garbage JSON block in
/// a runbook, an AWS CLI command we do not understand) are not errors: they are
/// returned as `FileReadResult.problems`.
public enum FileSourceError: Error, LocalizedError, Equatable {
    /// The file could not be opened.
    case unreadable(file: String, reason: String)
    /// The file is larger than the reader accepts.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// The file is neither JSON, Markdown nor a shell script.
    case unsupportedType(file: String)
    /// JSON that does not parse, or nests deeper than the reader allows.
    case malformedJSON(file: String, line: Int, reason: String)

    /// The message the user reads: what is wrong, where, and what to do next.
    public var errorDescription: String? {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file (\(reason)). Check the path and its permissions."
        case let .tooLarge(file, bytes, limit):
            return "\(file): \(bytes) bytes is more than the \(limit) bytes `check` reads. Split the file or check the parts that describe the deployment."
        case let .unsupportedType(file):
            return "\(file): not a task definition (.json), a Markdown runbook (.md) or a shell script (.sh, .bash or a #! first line). Rename it or pass only those files."
        case let .malformedJSON(file, line, reason):
            return "\(file):\(line): JSON not understood: \(reason). Fix the JSON (e.g. `python3 -m json.tool \(file)`) and run the check again."
        }
    }
}
