import Foundation

/// Why an input file could not be read; each module wraps the `reason` in
/// its own error, which names the file.
public enum InputFileError: Error, LocalizedError, Equatable, Sendable {
    /// The path names a folder.
    case isDirectory
    /// The file holds more than `limit` bytes (`bytes` when known up front).
    case tooLarge(bytes: Int?, limit: Int)
    /// The file does not exist or cannot be opened.
    case unreadable(reason: String)
    /// The bytes are not UTF-8 text.
    case notUTF8

    /// The reason, for the reader's message (which adds the file name).
    public var errorDescription: String? {
        switch self {
        case .isDirectory:
            return "it is a folder, not a file"
        case let .tooLarge(bytes, limit):
            let size = bytes.map { "\($0) bytes, over" } ?? "more than"
            return "\(size) the \(limit)-byte (\(limit / (1024 * 1024)) MB) limit for input files; pass the file the tool wrote, not a concatenation or a dump"
        case let .unreadable(reason):
            return reason
        case .notUTF8:
            return "not UTF-8 text"
        }
    }
}

/// Reads the files the user names (snapshot, reports, rules, prices, usage,
/// budget, guide) with a size bound, so a huge file or an endless device
/// (`/dev/zero`) is refused with a message instead of read forever.
public enum InputFile {
    /// The largest input file read but reports and snapshots: 16 MB (real
    /// task definitions, rules, prices and scripts are under 1 MB).
    public static let maxBytes = 16 * 1024 * 1024
    /// The largest report or snapshot read: 256 MB. The tool's own JSON
    /// report takes ~17 KB a service (17.4 MB at 1,000 services), its
    /// snapshot ~3 KB; so ~15,000 services fit.
    public static let maxLargeBytes = 256 * 1024 * 1024

    /// The bytes of `path`, at most `limit` of them.
    public static func read(path: String, limit: Int = maxBytes) throws(InputFileError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(reason: "no such file")
        }
        if isDirectory.boolValue { throw .isDirectory }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        var expected = 0
        if attributes?[.type] as? FileAttributeType == .typeRegular, let size = (attributes?[.size] as? NSNumber)?.intValue {
            if size > limit { throw .tooLarge(bytes: size, limit: limit) }
            expected = size
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(reason: (error as NSError).localizedDescription)
        }
        defer { try? handle.close() }
        var data = Data()
        do {
            // Chunks, not readToEnd: a device or pipe has no size to check up
            // front. A regular file comes in one read of its size (plus one
            // byte, to see it end), which is then the data itself: no buffer
            // doubling as chunks arrive, no copy.
            while data.count <= limit {
                let count = data.isEmpty && expected > 0 ? expected + 1 : 1024 * 1024
                guard let chunk = try handle.read(upToCount: count), !chunk.isEmpty else { break }
                if data.isEmpty { data = chunk } else { data.append(chunk) }
            }
        } catch {
            throw .unreadable(reason: (error as NSError).localizedDescription)
        }
        guard data.count <= limit else { throw .tooLarge(bytes: nil, limit: limit) }
        return data
    }

    /// The UTF-8 text of `path`, at most `limit` bytes.
    public static func readText(path: String, limit: Int = maxBytes) throws(InputFileError) -> String {
        let data = try read(path: path, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        return text
    }
}
