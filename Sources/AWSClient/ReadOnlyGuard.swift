/// Refuses, before anything is signed or sent, every operation that could change AWS state.
///
/// Allowed: names starting with `Describe`, `List` or `Get` followed by an
/// upper-case letter. The credential chain alone may also call STS
/// `AssumeRole` / `AssumeRoleWithWebIdentity`, through an internal path.
public enum ReadOnlyGuard {
    private static let readPrefixes = ["Describe", "List", "Get"]
    static let credentialExchangeOperations: Set<String> = ["AssumeRole", "AssumeRoleWithWebIdentity"]

    /// Whether `operation` is a read-only action name.
    public static func isReadOnly(_ operation: String) -> Bool {
        for prefix in readPrefixes where operation.hasPrefix(prefix) {
            guard let next = operation.dropFirst(prefix.count).first else { return false }
            return next.isUppercase
        }
        return false
    }

    /// Throws `AWSClientError.writeOperationRefused` unless `operation` is read-only.
    public static func check(_ service: AWSService, _ operation: String) throws {
        guard isReadOnly(operation) else {
            throw AWSClientError.writeOperationRefused(service: service.rawValue, operation: operation)
        }
    }

    /// The check used by the credential providers: read-only, or an STS role exchange.
    static func checkCredentialExchange(_ service: AWSService, _ operation: String) throws {
        if service == .sts && credentialExchangeOperations.contains(operation) { return }
        try check(service, operation)
    }
}
