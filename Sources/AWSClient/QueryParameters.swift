/// Builders for the flat `Name.member.N` / EC2 `Name.N` parameters of query services.
public enum QueryParameters {
    /// A list parameter: `Name.member.1…` (ELBv2, RDS, ElastiCache, IAM) or,
    /// with `ec2: true`, `Name.1…`.
    public static func list(_ name: String, _ values: [String], ec2: Bool = false) -> [(String, String)] {
        values.enumerated().map { index, value in
            (ec2 ? "\(name).\(index + 1)" : "\(name).member.\(index + 1)", value)
        }
    }

    /// EC2 filters: `Filter.N.Name` and `Filter.N.Value.M`.
    public static func ec2Filters(_ filters: [(name: String, values: [String])]) -> [(String, String)] {
        var result: [(String, String)] = []
        for (index, filter) in filters.enumerated() {
            result.append(("Filter.\(index + 1).Name", filter.name))
            for (valueIndex, value) in filter.values.enumerated() {
                result.append(("Filter.\(index + 1).Value.\(valueIndex + 1)", value))
            }
        }
        return result
    }

    /// The form body `Action=…&Version=…&…`, every name and value strictly percent-encoded.
    public static func formBody(action: String, version: String, parameters: [(String, String)]) -> String {
        ([("Action", action), ("Version", version)] + parameters)
            .map { "\(SigV4Encoding.uriEncode($0.0))=\(SigV4Encoding.uriEncode($0.1))" }
            .joined(separator: "&")
    }
}
