import AWSClient
import CFuzzDriver

/// One input: the bytes as an AWS query answer. Parsing may throw; it must
/// not crash, and a parsed tree must be walkable the way the collectors walk it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let root = try? AWSXMLNode.parse(bytes) else { return 0 }
    var stack = [root]
    var visited = 0
    while let node = stack.popLast(), visited < 100_000 {
        visited += 1
        _ = node.items
        _ = node.tags(node.name)
        _ = node.strings(node.name)
        _ = node.path(node.name, "member")
        stack.append(contentsOf: node.children)
    }
    return 0
}

/// libFuzzer's entry point (SwiftPM calls the executable's main `FuzzXML_main`).
@_cdecl("FuzzXML_main")
public func fuzzXMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    hydrous_fuzz_main(argc, argv)
}
