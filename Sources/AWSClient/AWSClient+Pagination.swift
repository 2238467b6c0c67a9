/// Pagination: follow the service's token until it stops answering one.
extension AWSClient {
    /// Every page of a query-protocol list call.
    ///
    /// `tokenParam` is the request parameter (`Marker`, `NextToken`);
    /// `tokenPath` leads from the result element to the next token
    /// (`["NextMarker"]`, `["Marker"]`, EC2 `["nextToken"]`).
    public func paginateQuery(
        _ service: AWSService, _ operation: String, _ parameters: [(String, String)] = [],
        tokenParam: String, tokenPath: [String], maxPages: Int = 1000
    ) async throws -> [AWSXMLNode] {
        var pages: [AWSXMLNode] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            var pageParameters = parameters.filter { $0.0 != tokenParam }
            if let token { pageParameters.append((tokenParam, token)) }
            let page = try await query(service, operation, pageParameters)
            pages.append(page)
            token = page.path(tokenPath)?.text
            if let next = token, next.isEmpty || !seen.insert(next).inserted { token = nil }
        } while token != nil && pages.count < maxPages
        return pages
    }

    /// Every page of a JSON 1.1 list call.
    ///
    /// `tokenKey` names the token in the request (`nextToken`, `NextToken`);
    /// the answer's token is read from `responseTokenKey` (default: the same key).
    /// `onPage` sees each page as soon as it arrives, before the next is asked
    /// for, so a caller can start on one page's items while the next is read.
    public func paginateJSON(
        _ service: AWSService, _ operation: String, _ body: JSONValue = [:],
        tokenKey: String = "nextToken", responseTokenKey: String? = nil, maxPages: Int = 1000,
        onPage: (JSONValue) -> Void = { _ in }
    ) async throws -> [JSONValue] {
        var pages: [JSONValue] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            var members = body.object ?? [:]
            members[tokenKey] = token.map(JSONValue.string)
            let page = try await json(service, operation, .object(members))
            onPage(page)
            pages.append(page)
            token = page[responseTokenKey ?? tokenKey]?.string
            if let next = token, next.isEmpty || !seen.insert(next).inserted { token = nil }
        } while token != nil && pages.count < maxPages
        return pages
    }
}
