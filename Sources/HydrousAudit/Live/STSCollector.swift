import AWSClient
import Foundation
import Inventory

/// Reads the account id of the caller (`sts GetCallerIdentity`).
struct STSCollector: Sendable {
    let calls: LiveCalls

    func account() async -> String? {
        await calls.query(.sts, "GetCallerIdentity").value?.liveString("Account")
    }
}
