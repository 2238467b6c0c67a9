import Foundation
import Inventory

/// Accumulates what the files under review say, in order of appearance, into
/// one `Inventory`: AWS CLI commands, task definition JSON, secret-looking
/// values, inline suppressions and problems.
struct FileInventoryBuilder {
    var inventory = Inventory()
    var problems: [String] = []
    var suppressions: [Suppression] = []
    /// Shell variables seen so far (`SG_ID=sg-1`, or the id a `X=$(aws ... create-...)` made).
    var variables: [String: String] = [:]
    /// Repositories `put-lifecycle-policy` was seen for, with the line.
    var lifecyclePolicies: [String: SourceLocation] = [:]
    /// Security group names → ids (`create-security-group --group-name X`).
    var securityGroupNames: [String: String] = [:]
    /// AWS ARNs (`arn:…:listener/app/NAME/…`, `…:listener-rule/…`) a modify
    /// command resolved to a listener or rule of the files → that resource's ARN.
    var elbAliases: [String: String] = [:]
    /// JSON files already read (inputs and `file://` references), by resolved path.
    var readJSONFiles: [String: LocatedJSON] = [:]
    /// The file being read, as the user named it (or as resolved from `file://`).
    var file = ""
    /// The largest file read, in bytes.
    let maxBytes: Int

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    mutating func problem(_ line: Int, _ message: String) {
        problems.append("\(file):\(line): \(message)")
    }

    /// The problem of a command that changes `reference`, which no command
    /// in the files (`creator` names the one that would) creates: nothing
    /// changes, and the gate says it could not check the change.
    mutating func notCreated(_ c: AWSCLICommand, _ reference: String, by creator: String) {
        problem(c.line, "`aws \(c.service) \(c.operation)` changes \(reference), which no \(creator) in the files creates: "
            + "the change was not checked")
    }

    /// The value of `--flag`, which `c` cannot go without; when it is missing
    /// the command is skipped, and the problem says so.
    mutating func required(_ flag: String, of c: AWSCLICommand) -> String? {
        guard let value = c.value(flag) else {
            problem(c.line, "`aws \(c.service) \(c.operation)` without --\(flag) was skipped")
            return nil
        }
        return value
    }

    /// `locations` for every flag present: flag name → field name.
    func locations(_ command: AWSCLICommand, _ fields: KeyValuePairs<String, String>) -> [String: SourceLocation] {
        var out = [LocationKey.resource: location(command.line)]
        for (flag, field) in fields {
            if let line = command.line(flag) { out[field] = location(line) }
        }
        return out
    }

    // MARK: Shell text

    /// Reads shell text (a script, or a code block of a runbook).
    mutating func readShell(_ text: String, firstLine: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let scan = Suppression.scan(lines: lines, firstLine: firstLine, file: file)
        suppressions += scan.suppressions
        problems += scan.problems
        let lexed = ShellLexer.commands(in: text, firstLine: firstLine)
        for problem in lexed.problems { self.problem(problem.line, problem.message) }
        for shell in lexed.commands {
            let expanded = expand(shell)
            collectShellSecrets(expanded)
            switch AWSCLIParser.command(from: expanded) {
            case .none:
                recordAssignments(expanded)
            case let .some(.failure(failure)):
                problem(failure.line, failure.message)
            case let .some(.success(command)):
                collectFlagSecrets(command)
                let created = apply(command)
                if let name = command.assignTo, let created { variables[name] = created }
            }
        }
    }

    /// `$NAME` and `${NAME}` replaced by known values (not inside single quotes).
    func expand(_ shell: ShellCommand) -> ShellCommand {
        guard !variables.isEmpty else { return shell }
        var copy = shell
        for index in copy.tokens.indices where !copy.tokens[index].singleQuoted && copy.tokens[index].text.contains("$") {
            var text = copy.tokens[index].text
            for (name, value) in variables.sorted(by: { $0.key.count > $1.key.count }) {
                text = text.replacingOccurrences(of: "${\(name)}", with: value)
                text = text.replacingOccurrences(of: "$\(name)", with: value)
            }
            copy.tokens[index].text = text
        }
        return copy
    }

    /// `NAME=value` words of a plain assignment command.
    mutating func recordAssignments(_ shell: ShellCommand) {
        let words = shell.tokens.drop { ["export", "local", "readonly", "declare"].contains($0.text) }
        guard !words.isEmpty, words.allSatisfy({ ShellLexer.assignmentName($0.text) != nil }) else { return }
        for word in words {
            guard let name = ShellLexer.assignmentName(word.text) else { continue }
            let value = String(word.text.dropFirst(name.count + 1))
            if !value.contains("$(…)") { variables[name] = value }
        }
    }

    // MARK: Dispatch

    /// Applies one AWS CLI command; returns the id or ARN it creates, if any.
    /// Commands no handler knows change nothing (`describe-*`, and those in
    /// `CLICommandCoverage.notModelled`, which says why).
    mutating func apply(_ original: AWSCLICommand) -> String? {
        let command = original.operation == "register-task-definition" ? original : expandingCLIInputJSON(original)
        guard let handler = Self.handlers[CLIOperation(command.service, command.operation)] else { return nil }
        return handler(&self, command)
    }

    /// One handler: applies the command to the builder, returns what it creates.
    typealias Handler = @Sendable (inout FileInventoryBuilder, AWSCLICommand) -> String?

    /// Every `(service, operation)` the gate replays, with its handler (the
    /// `CLIHandlers+*.swift` files). A test keeps each command a rule's
    /// remediation names either here or in `CLICommandCoverage.notModelled`.
    static let handlers: [CLIOperation: Handler] = [
        CLIOperation("rds", "create-db-instance"): { $0.createDBInstance($1) },
        CLIOperation("rds", "modify-db-instance"): { $0.modifyDBInstance($1) },
        CLIOperation("elasticache", "create-cache-cluster"): { $0.createCache($1, idFlag: "cache-cluster-id") },
        CLIOperation("elasticache", "create-replication-group"): { $0.createCache($1, idFlag: "replication-group-id") },
        CLIOperation("elasticache", "modify-cache-cluster"): { $0.modifyCacheCluster($1) },
        CLIOperation("elasticache", "modify-replication-group"): { $0.modifyReplicationGroup($1) },
        CLIOperation("ecr", "create-repository"): { $0.createRepository($1) },
        CLIOperation("ecr", "put-lifecycle-policy"): { $0.putLifecyclePolicy($1) },
        CLIOperation("ecr", "put-image-tag-mutability"): { $0.putImageTagMutability($1) },
        CLIOperation("ecr", "put-image-scanning-configuration"): { $0.putImageScanningConfiguration($1) },
        CLIOperation("logs", "create-log-group"): { $0.createLogGroup($1) },
        CLIOperation("logs", "put-retention-policy"): { $0.putRetentionPolicy($1) },
        CLIOperation("ecs", "create-cluster"): { $0.createCluster($1) },
        CLIOperation("ecs", "update-cluster-settings"): { $0.updateClusterSettings($1) },
        CLIOperation("ecs", "create-service"): { $0.createOrUpdateService($1) },
        CLIOperation("ecs", "update-service"): { $0.createOrUpdateService($1) },
        CLIOperation("ecs", "register-task-definition"): { $0.registerTaskDefinition($1) },
        CLIOperation("ec2", "create-security-group"): { $0.createSecurityGroup($1) },
        CLIOperation("ec2", "authorize-security-group-ingress"): { $0.authorize($1, egress: false) },
        CLIOperation("ec2", "authorize-security-group-egress"): { $0.authorize($1, egress: true) },
        CLIOperation("ec2", "revoke-security-group-ingress"): { $0.revoke($1, egress: false) },
        CLIOperation("ec2", "revoke-security-group-egress"): { $0.revoke($1, egress: true) },
        CLIOperation("elbv2", "create-load-balancer"): { $0.createLoadBalancer($1) },
        CLIOperation("elbv2", "modify-load-balancer-attributes"): { $0.modifyLoadBalancerAttributes($1) },
        CLIOperation("elbv2", "create-target-group"): { $0.createTargetGroup($1) },
        CLIOperation("elbv2", "create-listener"): { $0.createListener($1) },
        CLIOperation("elbv2", "modify-listener"): { $0.modifyListener($1) },
        CLIOperation("elbv2", "create-rule"): { $0.createRule($1) },
        CLIOperation("elbv2", "modify-rule"): { $0.modifyRule($1) },
        CLIOperation("iam", "create-role"): { $0.createRole($1) },
        CLIOperation("iam", "attach-role-policy"): { $0.attachRolePolicy($1) },
        CLIOperation("iam", "detach-role-policy"): { $0.detachRolePolicy($1) },
        CLIOperation("iam", "put-role-policy"): { $0.putRolePolicy($1) },
    ]

    // MARK: Structured arguments

    /// A flag's argument as structured values: JSON (inline or `file://`), or
    /// shorthand (one object per word). Problems are noted; never throws.
    mutating func structured(_ command: AWSCLICommand, _ name: String) -> [LocatedJSON] {
        guard let flag = command.flag(name), let first = flag.values.first else { return [] }
        if first.text.hasPrefix("file://") {
            guard let json = loadReferencedJSON(first.text, line: first.line) else { return [] }
            return json.array ?? [json]
        }
        let trimmed = first.text.trimmedWhitespaceAndNewlines
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            do {
                let json = try LocatedJSON.parse(first.text, file: file, firstLine: first.line)
                return json.array ?? [json]
            } catch {
                problem(first.line, "the JSON of --\(name) was not understood (\(Self.reason(error)))")
                return []
            }
        }
        var out: [LocatedJSON] = []
        for word in flag.values {
            do {
                out.append(try CLIShorthand.parse(word.text, line: word.line))
            } catch let error as CLIShorthand.SyntaxError {
                problem(word.line, "--\(name): \(error.message)")
            } catch {
                problem(word.line, "--\(name): not understood")
            }
        }
        return out
    }

    static func reason(_ error: Error) -> String {
        if case let FileSourceError.malformedJSON(_, line, reason)? = error as? FileSourceError {
            return "line \(line): \(reason)"
        }
        return (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }

    /// Tags from `Key=K,Value=V` / `key=K,value=V` words, `K=V` maps or JSON.
    mutating func tags(_ command: AWSCLICommand, _ name: String = "tags") -> Tags {
        var tags: Tags = [:]
        for item in structured(command, name) {
            if let key = item["key"]?.string, let value = item["value"] {
                tags[key] = value.string ?? ""
            } else {
                for member in item.members ?? [] { tags[member.key] = member.value.string ?? "" }
            }
        }
        return tags
    }

    /// Reads a `file://` JSON argument relative to the current file; a missing
    /// file is a problem and the argument is skipped.
    mutating func loadReferencedJSON(_ reference: String, line: Int) -> LocatedJSON? {
        let relative = String(reference.dropFirst("file://".count))
        let directory = (file as NSString).deletingLastPathComponent
        let path = relative.hasPrefix("/") || directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
        let key = (path as NSString).standardizingPath
        if let cached = readJSONFiles[key] { return cached }
        guard FileManager.default.fileExists(atPath: path) else {
            problem(line, "\(reference) was not found (looked for \(path)); its contents were not checked")
            return nil
        }
        do {
            let text = try FileSource.readText(path: path, maxBytes: maxBytes)
            let json = try LocatedJSON.parse(text, file: path)
            readJSONFiles[key] = json
            let outer = file
            file = path
            collectJSONSecrets(json)
            file = outer
            return json
        } catch {
            problem(line, "\(reference) could not be read: \(Self.reason(error))")
            return nil
        }
    }
}
