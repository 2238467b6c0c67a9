import CFuzzDriver
import HydrousAudit

/// One input: the bytes as a shell script, then as a Markdown runbook, read by
/// the pre-merge gate (AWS CLI parser, shorthand, --cli-input-json, secrets).
/// Reading may throw an input error; it must not crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCLI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let source = FileSource()
    _ = AWSCLIParser.parse(script: text, file: "fuzz.sh")
    _ = try? source.read(text: text, kind: .shell, file: "fuzz.sh")
    _ = try? source.read(text: text, kind: .markdown, file: "fuzz.md")
    return 0
}

/// libFuzzer's entry point (SwiftPM calls the executable's main `FuzzCLI_main`).
@_cdecl("FuzzCLI_main")
public func fuzzCLIMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    hydrous_fuzz_main(argc, argv)
}
