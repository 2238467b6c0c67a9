import Foundation

/// The one place that knows how each wire protocol encodes requests and decodes answers.
public enum ServiceProtocol: Sendable, Equatable {
    /// Query protocol (form body, XML answer).
    case query(apiVersion: String)
    /// JSON 1.1 protocol.
    case json11(targetPrefix: String)

    /// The protocol `service` speaks.
    public init(_ service: AWSService) {
        switch service.wireProtocol {
        case .query(let version): self = .query(apiVersion: version)
        case .json11(let prefix): self = .json11(targetPrefix: prefix)
        }
    }

    /// An unsigned `POST` to `endpoint` carrying a query-protocol call.
    public func request(
        operation: String, parameters: [(String, String)], endpoint: Endpoint
    ) -> AWSHTTPRequest {
        var request = Self.baseRequest(endpoint)
        switch self {
        case .query(let version):
            request.headers.append(HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
            request.body = Array(QueryParameters.formBody(action: operation, version: version, parameters: parameters).utf8)
        case .json11(let prefix):
            request.headers.append(HTTPHeader("Content-Type", "application/x-amz-json-1.1"))
            request.headers.append(HTTPHeader("X-Amz-Target", "\(prefix).\(operation)"))
            request.body = Array("{}".utf8)
        }
        return request
    }

    /// An unsigned `POST` to `endpoint` carrying a JSON 1.1 call.
    public func request(operation: String, body: JSONValue, endpoint: Endpoint) -> AWSHTTPRequest {
        var request = self.request(operation: operation, parameters: [], endpoint: endpoint)
        if case .json11 = self { request.body = body.serialized() }
        return request
    }

    private static func baseRequest(_ endpoint: Endpoint) -> AWSHTTPRequest {
        AWSHTTPRequest(
            method: "POST", scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port,
            path: endpoint.path.isEmpty ? "/" : endpoint.path)
    }

    /// The XML answer of a successful query call: the `<OpResult>` element when
    /// the answer wraps one (`<OpResponse><OpResult>`), else the root (EC2).
    /// `unavailable`: why libxml2 cannot be loaded (`XMLLibrary`), for tests.
    public func decodeXML(
        _ response: AWSHTTPResponse, service: String, operation: String, unavailable: String? = XMLLibrary.unavailable
    ) throws -> AWSXMLNode {
        let root: AWSXMLNode
        do {
            root = try AWSXMLNode.parse(response.body, unavailable: unavailable)
        } catch let error as AWSXMLParseError where unavailable != nil {
            // Not the answer's fault: say which library is missing and how to install it.
            throw AWSClientError.malformedResponse(service: service, operation: operation, reason: error.reason)
        } catch {
            throw AWSClientError.malformedResponse(
                service: service, operation: operation,
                reason: "expected XML, got \(Self.describeContent(response))")
        }
        // Every AWS query answer is `<OpResponse>` (or wraps `<OpResult>`); an HTML error page
        // or another document that merely parses as XML is not an answer (not "no resources").
        let result = root.child("\(operation)Result")
        guard root.name.hasSuffix("Response") || result != nil else {
            throw AWSClientError.malformedResponse(
                service: service, operation: operation,
                reason: "expected an XML <\(operation)Response>, got <\(root.name.prefix(64))> (\(Self.describeContent(response)))")
        }
        return result ?? root
    }

    /// The JSON answer of a successful JSON 1.1 call (`{}` for an empty body).
    public func decodeJSON(_ response: AWSHTTPResponse, service: String, operation: String) throws -> JSONValue {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([:]) }
        let value: JSONValue
        do {
            value = try JSONValue.parse(response.body)
        } catch {
            throw AWSClientError.malformedResponse(
                service: service, operation: operation, reason: "expected JSON, got \(Self.describeContent(response))")
        }
        guard case .object = value else {
            throw AWSClientError.malformedResponse(service: service, operation: operation, reason: "JSON answer is not an object")
        }
        return value
    }

    /// The service error a non-2xx answer carries.
    public func decodeError(_ response: AWSHTTPResponse, service: String, operation: String) -> AWSError {
        let headerId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        var code: String?
        var message = ""
        var requestId = headerId
        switch self {
        case .query:
            if let root = try? AWSXMLNode.parse(response.body) {
                // <ErrorResponse><Error><Code> or EC2 <Response><Errors><Error><Code>
                let error = root.child("Error") ?? root.path("Errors", "Error") ?? (root.name == "Error" ? root : nil)
                code = error?.text("Code")
                message = error?.text("Message") ?? ""
                requestId = root.text("RequestId") ?? root.text("RequestID") ?? requestId
            }
        case .json11:
            if let value = try? JSONValue.parse(response.body) {
                code = value["__type"]?.string ?? value["code"]?.string
                message = value["message"]?.string ?? value["Message"]?.string ?? ""
            }
            if code == nil, let header = response.header("x-amzn-ErrorType") {
                code = String(header.split(separator: ":").first ?? Substring(header))
            }
        }
        let cleaned = code.map { raw in raw.split(separator: "#").last.map(String.init) ?? raw } ?? "HTTP\(response.status)"
        return AWSError(
            code: cleaned.isEmpty ? "HTTP\(response.status)" : cleaned, message: message, requestId: requestId,
            httpStatus: response.status, service: service, operation: operation)
    }

    private static func describeContent(_ response: AWSHTTPResponse) -> String {
        let type = response.header("Content-Type") ?? "no content type"
        return "\(type), \(response.body.count) bytes"
    }
}
