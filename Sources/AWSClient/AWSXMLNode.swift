import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small, immutable XML element tree: what the query services answer.
///
/// Names are local names (namespace prefixes dropped). `text` is the
/// element's own text (leaf values), not its descendants'.
public struct AWSXMLNode: Sendable, Equatable {
    /// The element's local name.
    public var name: String
    /// The element's own character data (empty for elements with only children).
    public var text: String
    /// The child elements, in document order.
    public var children: [AWSXMLNode]

    /// Creates a node.
    public init(name: String, text: String = "", children: [AWSXMLNode] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Parses an XML document into its root element.
    public static func parse(_ bytes: [UInt8]) throws -> AWSXMLNode {
        let document: XMLDocument
        do {
            document = try XMLDocument(data: Data(bytes), options: [])
        } catch {
            throw AWSXMLParseError(reason: "not well-formed XML")
        }
        guard let root = document.rootElement() else { throw AWSXMLParseError(reason: "XML without a root element") }
        return convert(root)
    }

    /// Parses XML text.
    public static func parse(_ text: String) throws -> AWSXMLNode { try parse(Array(text.utf8)) }

    private static func convert(_ element: XMLElement) -> AWSXMLNode {
        var children: [AWSXMLNode] = []
        var text = ""
        for node in element.children ?? [] {
            if let child = node as? XMLElement {
                children.append(convert(child))
            } else if node.kind == .text {
                text += node.stringValue ?? ""
            }
        }
        if !children.isEmpty { text = text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return AWSXMLNode(name: element.localName ?? element.name ?? "", text: text, children: children)
    }

    /// The first direct child called `name`.
    public func child(_ name: String) -> AWSXMLNode? { children.first { $0.name == name } }

    /// Every direct child called `name`.
    public func children(_ name: String) -> [AWSXMLNode] { children.filter { $0.name == name } }

    /// The text of the first direct child called `name` (nil when absent).
    public func text(_ name: String) -> String? { child(name)?.text }

    /// The node reached by following first children named `names` in turn.
    public func path(_ names: String...) -> AWSXMLNode? { path(names) }

    /// Array form of `path(_:)`.
    public func path(_ names: [String]) -> AWSXMLNode? {
        var node: AWSXMLNode? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The items of a list element: its `<member>` or EC2 `<item>` children.
    public var items: [AWSXMLNode] { children.filter { $0.name == "member" || $0.name == "item" } }

    /// The items of the list child `name` (`<name><member>…` or `<name><item>…`); empty when absent.
    public func list(_ name: String) -> [AWSXMLNode] { child(name)?.items ?? [] }

    /// The texts of the items of list child `name` (e.g. security group ids).
    public func strings(_ name: String) -> [String] { list(name).map(\.text) }

    /// A `Key`/`Value` tag list (`<Tags>` / `<TagList>` / EC2 `<tagSet>`) as a dictionary.
    public func tags(_ name: String) -> [String: String] {
        var tags: [String: String] = [:]
        for item in list(name) {
            guard let key = item.text("Key") ?? item.text("key") else { continue }
            tags[key] = item.text("Value") ?? item.text("value") ?? ""
        }
        return tags
    }

    /// The first element called `name` at any depth (depth-first, document order).
    public func descendant(_ name: String) -> AWSXMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }
}

/// XML that could not be parsed; wrapped into `AWSClientError.malformedResponse` by the client.
public struct AWSXMLParseError: Error, Sendable, Equatable {
    /// What was wrong.
    public var reason: String
}
