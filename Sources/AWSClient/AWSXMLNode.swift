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

    /// Parses an XML document into its root element (strict: any
    /// well-formedness error throws, nothing is "recovered").
    public static func parse(_ bytes: [UInt8]) throws -> AWSXMLNode {
        try parse(bytes, unavailable: XMLLibrary.unavailable)
    }

    /// `parse(_:)`, failing with `unavailable` (why libxml2 cannot be loaded) when it is set.
    static func parse(_ bytes: [UInt8], unavailable: String?) throws -> AWSXMLNode {
        if let unavailable { throw AWSXMLParseError(reason: "cannot parse XML: \(unavailable)") }
        // AWS answers UTF-8. FoundationXML traps (SIGILL) on an element or attribute
        // name that is not valid UTF-8 (`<a><b\u{FF}/></a>`), so such bytes never reach it.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw AWSXMLParseError(reason: "not UTF-8 text")
        }
        if let construct = unsupportedConstruct(bytes) { throw AWSXMLParseError(reason: construct) }
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), builder.failure == nil, let root = builder.root else {
            throw AWSXMLParseError(reason: builder.failure ?? "not well-formed XML")
        }
        return root
    }

    /// Parses XML text.
    public static func parse(_ text: String) throws -> AWSXMLNode { try parse(Array(text.utf8)) }

    /// What no AWS answer holds and FoundationXML mishandles: a processing instruction
    /// other than the leading `<?xml …?>` (`<a><?t?></a>` crashes it in strlen), or a DTD
    /// (entity declarations: expansion bombs). `nil` when the bytes hold neither.
    static func unsupportedConstruct(_ bytes: [UInt8]) -> String? {
        let blanks: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, blanks.contains(bytes[start]) { start += 1 }
        if bytes[start...].starts(with: Array("<?xml".utf8)), start + 5 < bytes.count, blanks.contains(bytes[start + 5]) {
            var index = start + 5
            while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "?") && bytes[index + 1] == UInt8(ascii: ">")) {
                // A declaration holds only version, encoding and standalone: a tag inside it means it
                // never closed, and the `?>` ahead may end a processing instruction (`<?xml versio…<?pi?>`).
                if bytes[index] == UInt8(ascii: "<") || bytes[index] == UInt8(ascii: ">") {
                    return "the XML declaration is not closed before the first tag"
                }
                index += 1
            }
            start = index + 2
        }
        guard start < bytes.count else { return nil }
        let doctype = Array("<!DOCTYPE".utf8)
        for index in start..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "<") {
            if bytes[index + 1] == UInt8(ascii: "?") { return "a processing instruction is not part of an AWS answer" }
            if bytes[index...].starts(with: doctype) { return "a DTD (<!DOCTYPE>) is not part of an AWS answer" }
        }
        return nil
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

/// Builds the tree from SAX events (element stack of name, text, children).
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [AWSXMLNode] = []
    var root: AWSXMLNode?
    var failure: String?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(AWSXMLNode(name: local))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard var node = stack.popLast() else { return }
        if !node.children.isEmpty { node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        failure = failure ?? "not well-formed XML"
    }
}

/// XML that could not be parsed; wrapped into `AWSClientError.malformedResponse` by the client.
public struct AWSXMLParseError: Error, Sendable, Equatable {
    /// What was wrong.
    public var reason: String
}
