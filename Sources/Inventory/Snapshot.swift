import Foundation

/// Why a snapshot could not be read; each case names the file and what to do.
public enum SnapshotError: Error, LocalizedError, Equatable {
    /// The file could not be opened.
    case unreadable(file: String, reason: String)
    /// The file is not valid JSON, or a field has the wrong type.
    case malformed(file: String, line: Int?, column: Int? = nil, path: String, reason: String)
    /// The snapshot was written by a newer format.
    case unsupportedVersion(file: String, version: Int)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the snapshot (\(reason)). Check the path, or create one with `hydrous-audit snapshot --output \(file)`."
        case let .malformed(file, line, column, path, reason):
            let position = (line.map { ":\($0)" } ?? "") + (line == nil ? "" : column.map { ":\($0)" } ?? "")
            let field = path.isEmpty ? "" : " at \(path)"
            let reason = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "\(file)\(position): not a valid snapshot\(field): \(reason). Fix the file or write it anew with `hydrous-audit snapshot`."
        case let .unsupportedVersion(file, version):
            return "\(file): snapshotVersion \(version) is newer than this build reads (\(Inventory.currentFormatVersion)). Upgrade hydrous-audit."
        }
    }
}

extension Inventory {
    /// Reads a snapshot file.
    public static func load(snapshot path: String) throws -> Inventory {
        let data: Data
        do {
            data = try InputFile.read(path: path, limit: InputFile.maxLargeBytes)
        } catch {
            throw SnapshotError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try decode(snapshot: data, file: path)
    }

    /// Decodes snapshot bytes; `file` names the input in errors.
    public static func decode(snapshot data: Data, file: String) throws -> Inventory {
        let inventory: Inventory
        // The fast path (hand-written readers, `SnapshotReader.swift`) decodes
        // valid snapshots; anything it declines goes through JSONDecoder,
        // which gives the same value or the precise error.
        if let fast = try? readSnapshot(data) {
            inventory = fast
        } else {
            // Text that is not JSON is refused with its line and column: JSONDecoder
            // gives no position for it, and takes some of it (`01`, for one) where it
            // decodes nothing, as under a key no version of the format has.
            if let syntax = JSONSyntaxError.first(in: data) {
                let (line, column) = syntax.position(in: data)
                throw SnapshotError.malformed(file: file, line: line, column: column, path: "", reason: syntax.reason)
            }
            do {
                inventory = try JSONDecoder().decode(Inventory.self, from: data)
            } catch let error as DecodingError {
                throw JSONErrorLocator.snapshotError(error, data: data, file: file)
            } catch {
                throw SnapshotError.malformed(file: file, line: nil, path: "", reason: "\(error)")
            }
        }
        guard inventory.formatVersion <= currentFormatVersion else {
            throw SnapshotError.unsupportedVersion(file: file, version: inventory.formatVersion)
        }
        return inventory
    }

    /// The snapshot bytes: sorted keys, pretty-printed, resources in canonical order,
    /// so that the same inventory always gives byte-identical files.
    public func encodedSnapshot() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var copy = normalized()
        copy.fileValues = []
        var data = try encoder.encode(copy)
        data.append(0x0A)
        return data
    }

    /// A copy with every list in a canonical order (live reads arrive in any order).
    public func normalized() -> Inventory {
        var copy = self
        copy.coverage.sort { ($0.service, $0.operation, $0.status, $0.detail ?? "") < ($1.service, $1.operation, $1.status, $1.detail ?? "") }
        copy.clusters.sort { $0.arn < $1.arn }
        copy.services.sort { ($0.clusterArn, $0.arn) < ($1.clusterArn, $1.arn) }
        copy.taskDefinitions.sort { ($0.family, $0.revision) < ($1.family, $1.revision) }
        copy.tasks.sort { $0.arn < $1.arn }
        copy.loadBalancers.sort { $0.arn < $1.arn }
        copy.listeners.sort { ($0.loadBalancerArn, $0.port ?? 0, $0.arn) < ($1.loadBalancerArn, $1.port ?? 0, $1.arn) }
        for index in copy.listeners.indices where copy.listeners[index].rules.count > 1 {
            copy.listeners[index].rules.sort(by: ListenerRule.evaluationOrder)
        }
        copy.targetGroups.sort { $0.arn < $1.arn }
        copy.securityGroups.sort { $0.id < $1.id }
        copy.subnets.sort { $0.id < $1.id }
        copy.vpcs.sort { $0.id < $1.id }
        copy.natGateways.sort { $0.id < $1.id }
        copy.vpcEndpoints.sort { $0.id < $1.id }
        copy.dbInstances.sort { $0.identifier < $1.identifier }
        copy.cacheClusters.sort { $0.id < $1.id }
        copy.repositories.sort { $0.name < $1.name }
        copy.logGroups.sort { $0.name < $1.name }
        copy.roles.sort { $0.arn < $1.arn }
        return copy
    }
}

/// Turns a `DecodingError` into a message with the JSON path and, where the
/// decoder tells the byte offset, the line.
enum JSONErrorLocator {
    static func snapshotError(_ error: DecodingError, data: Data, file: String) -> SnapshotError {
        let (path, reason, context): (String, String, DecodingError.Context?) = {
            switch error {
            case let .typeMismatch(type, ctx): return (render(ctx.codingPath), "expected \(type)", ctx)
            case let .valueNotFound(type, ctx): return (render(ctx.codingPath), "missing value of type \(type)", ctx)
            case let .keyNotFound(key, ctx):
                return (render(ctx.codingPath + [key]), "required key `\(key.stringValue)` is missing", ctx)
            case let .dataCorrupted(ctx): return (render(ctx.codingPath), ctx.debugDescription, ctx)
            @unknown default: return ("", "\(error)", nil)
            }
        }()
        var line: Int?
        if let underlying = context?.underlyingError as NSError?,
           let index = underlying.userInfo["NSJSONSerializationErrorIndex"] as? Int {
            line = lineNumber(in: data, offset: index)
        }
        var detail = reason
        if let underlying = context?.underlyingError as NSError?, line == nil {
            detail += " (\(underlying.localizedDescription))"
        }
        return .malformed(file: file, line: line, path: path, reason: detail)
    }

    static func render(_ path: [CodingKey]) -> String {
        path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            .joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// 1-based line of byte `offset`.
    static func lineNumber(in data: Data, offset: Int) -> Int {
        var line = 1
        for byte in data.prefix(max(0, offset)) where byte == 0x0A { line += 1 }
        return line
    }
}
