import Digests
import Foundation

/// Signs requests with AWS Signature Version 4 (the `Authorization` header form).
///
/// A value type with no hidden state: the same inputs and `date` give the
/// same signature. Every header present when `sign` runs is signed, except a
/// few hop-by-hop or volatile ones (`authorization`, `user-agent`, …).
public struct SigV4Signer: Sendable {
    /// The credentials whose secret derives the signing key.
    public let credentials: AWSCredentials
    /// The signing region (`us-east-1` for IAM).
    public let region: String
    /// The signing name of the service (`ecs`, `elasticloadbalancing`, …).
    public let service: String
    /// Whether to remove dot segments and empty segments from the path
    /// before encoding (true for every service except S3).
    public let normalizePath: Bool

    static let algorithm = "AWS4-HMAC-SHA256"
    private static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "connection", "expect", "transfer-encoding",
    ]

    /// Creates a signer for one region and service.
    public init(credentials: AWSCredentials, region: String, service: String, normalizePath: Bool = true) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.normalizePath = normalizePath
    }

    /// Adds `Host` (when missing), `X-Amz-Date`, `X-Amz-Security-Token` (when
    /// the credentials carry one) and `Authorization` to `request`.
    public func sign(_ request: inout AWSHTTPRequest, date: Date) {
        request.removeHeader("Authorization")
        if request.header("host") == nil {
            request.headers.insert(HTTPHeader("Host", request.hostHeader), at: 0)
        }
        let amzDate = AWSDateFormat.amzDate(date)
        request.setHeader("X-Amz-Date", amzDate)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        }
        request.headers.append(HTTPHeader("Authorization", authorization(for: request, amzDate: amzDate)))
    }

    /// The `Authorization` header value for `request` as it stands (no header is added).
    public func authorization(for request: AWSHTTPRequest, date: Date) -> String {
        authorization(for: request, amzDate: AWSDateFormat.amzDate(date))
    }

    private func authorization(for request: AWSHTTPRequest, amzDate: String) -> String {
        let canonical = canonicalRequest(request)
        let toSign = stringToSign(canonicalRequest: canonical.text, amzDate: amzDate)
        let signature = Digest.hex(Digest.hmacSHA256(key: signingKey(day: String(amzDate.prefix(8))), message: toSign))
        return "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope(day: String(amzDate.prefix(8)))), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    /// The canonical request text and the `;`-joined signed header names.
    public func canonicalRequest(_ request: AWSHTTPRequest) -> (text: String, signedHeaders: String) {
        var merged: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            guard !Self.unsignedHeaders.contains(name) else { continue }
            merged[name, default: []].append(SigV4Encoding.canonicalHeaderValue(header.value))
        }
        let names = merged.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let headerLines = names.map { "\($0):\(merged[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let text = [
            request.method.uppercased(),
            SigV4Encoding.canonicalPath(request.path, normalize: normalizePath),
            SigV4Encoding.canonicalQuery(request.query),
            headerLines,
            signedHeaders,
            Digest.sha256Hex(request.body),
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// The string to sign for a canonical request made at `amzDate` (`yyyyMMddTHHmmssZ`).
    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        [Self.algorithm, amzDate, scope(day: String(amzDate.prefix(8))), Digest.sha256Hex(canonicalRequest)]
            .joined(separator: "\n")
    }

    /// The string to sign for a canonical request made at `date`.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        stringToSign(canonicalRequest: canonicalRequest, amzDate: AWSDateFormat.amzDate(date))
    }

    /// The credential scope `day/region/service/aws4_request`.
    func scope(day: String) -> String { "\(day)/\(region)/\(service)/aws4_request" }

    /// The derived key `HMAC(HMAC(HMAC(HMAC("AWS4"+secret, day), region), service), "aws4_request")`.
    func signingKey(day: String) -> [UInt8] {
        let kDate = Digest.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), message: day)
        let kRegion = Digest.hmacSHA256(key: kDate, message: region)
        let kService = Digest.hmacSHA256(key: kRegion, message: service)
        return Digest.hmacSHA256(key: kService, message: "aws4_request")
    }
}
