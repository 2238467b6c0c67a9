import AWSClient
import Foundation
import Inventory

/// Reads the account id of the caller (`sts GetCallerIdentity`).
struct STSCollector: Sendable {
    let calls: LiveCalls

    func account() async -> String? {
        guard let answer = await calls.query(.sts, "GetCallerIdentity").value else { return nil }
        guard let account = answer.liveString("Account") else {
            calls.unreadable(.sts, "GetCallerIdentity", at: "", field: "Account", lost: "the account id")
            return nil
        }
        return account
    }
}
