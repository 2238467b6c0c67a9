import Foundation
import XCTest

@testable import AWSClient

final class CredentialChainTests: XCTestCase {
    /// An STS stub: answers AssumeRole / AssumeRoleWithWebIdentity with fixed role credentials.
    private func stsServer() throws -> StubHTTPServer {
        try StubHTTPServer { request in
            let fields = request.formFields
            let action = fields["Action"] ?? ""
            return StubHTTPServer.Response(body: """
                <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result><Credentials>
                <AccessKeyId>ASIAROLE\(fields["RoleSessionName"] ?? "")</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
                <SessionToken>role-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials></\(action)Result></\(action)Response>
                """)
        }
    }

    private func chain(_ environment: AWSEnvironment, metadata: (any HTTPTransport)? = nil) -> CredentialChain {
        CredentialChain.standard(
            environment: environment, transport: URLSessionTransport(connectTimeout: 2, requestTimeout: 5),
            region: "eu-west-1", metadataTransport: metadata ?? FakeTransport([.fail(.networkFailure(host: "imds", reason: "unreachable", isTimeout: true))]))
    }

    func testEnvironmentComesFirst() async throws {
        let home = try TemporaryHome()
        try home.write(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n")
        let environment = home.environment([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
        ])
        let (credentials, source) = try await chain(environment).resolve()
        XCTAssertEqual(credentials.accessKeyId, "AKIDENV")
        XCTAssertEqual(credentials.sessionToken, "env-token")
        XCTAssertEqual(source, "environment variables")
        // --profile skips the environment's keys, like the AWS CLI.
        let explicit = home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"], profile: "default")
        let fromFile = try await chain(explicit).credentials()
        XCTAssertEqual(fromFile?.accessKeyId, "AKIDFILE")
    }

    func testHalfSetEnvironmentIsAnError() async throws {
        let home = try TemporaryHome()
        do {
            _ = try await chain(home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV"])).credentials()
            XCTFail("expected an error")
        } catch let error as AWSClientError {
            XCTAssertTrue(error.localizedDescription.contains("AWS_SECRET_ACCESS_KEY"))
        }
    }

    func testProfilesFromBothFilesWithCredentialsFileWinning() async throws {
        let home = try TemporaryHome()
        try home.write(".aws/config", """
            # comment
            [default]
            region = eu-west-1
            [profile dev]
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            s3 =
              max_concurrent_requests = 10
            [sso-session corp]
            sso_region = us-east-1
            """)
        try home.write(".aws/credentials", "[dev]\naws_access_key_id = AKIDCREDS ; inline comment\naws_secret_access_key = creds-secret\n")
        let credentials = try await chain(home.environment(["AWS_PROFILE": "dev"])).credentials()
        XCTAssertEqual(credentials?.accessKeyId, "AKIDCREDS")
        XCTAssertEqual(credentials?.secretAccessKey, "creds-secret")
        let custom = try home.write("elsewhere/creds", "[dev]\naws_access_key_id = AKIDCUSTOM\naws_secret_access_key = s\n")
        let moved = try await chain(home.environment(["AWS_PROFILE": "dev", "AWS_SHARED_CREDENTIALS_FILE": custom])).credentials()
        XCTAssertEqual(moved?.accessKeyId, "AKIDCUSTOM")
    }

    func testMissingNamedProfileAndMalformedFilesNameTheProblem() async throws {
        let home = try TemporaryHome()
        do {
            _ = try await chain(home.environment([:], profile: "ghost")).credentials()
            XCTFail("expected profileNotFound")
        } catch let error as AWSClientError {
            XCTAssertTrue(error.localizedDescription.contains("profile 'ghost' not found"))
        }
        try home.write(".aws/config", "[default]\nregion = eu-west-1\nthis line is broken\n")
        do {
            _ = try await chain(home.environment([:])).credentials()
            XCTFail("expected malformedConfigFile")
        } catch let error as AWSClientError {
            XCTAssertTrue(error.localizedDescription.contains(".aws/config:3:"), error.localizedDescription)
        }
    }

    func testNothingFoundListsEverySourceTried() async throws {
        let home = try TemporaryHome()
        do {
            _ = try await chain(home.environment([:])).credentials()
            XCTFail("expected noCredentials")
        } catch let error as AWSClientError {
            let text = error.localizedDescription
            for source in ["environment variables", "web identity", "profile default", "ECS container", "EC2 instance metadata"] {
                XCTAssertTrue(text.contains(source), "\(source) missing from: \(text)")
            }
        }
    }

    func testRoleArnWithSourceProfileAssumesRoleSignedWithSourceKeys() async throws {
        let sts = try stsServer()
        defer { sts.stop() }
        let home = try TemporaryHome()
        try home.write(".aws/config", """
            [profile audit]
            role_arn = arn:aws:iam::123456789012:role/Auditor
            source_profile = base
            role_session_name = audit-session
            external_id = ext-1
            region = eu-west-1
            """)
        try home.write(".aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        let environment = home.environment(["AWS_ENDPOINT_URL_STS": sts.baseURL], profile: "audit")
        let credentials = try await chain(environment).credentials()
        XCTAssertEqual(credentials?.accessKeyId, "ASIAROLEaudit-session")
        XCTAssertEqual(credentials?.sessionToken, "role-token")
        XCTAssertNotNil(credentials?.expiration)
        let request = try XCTUnwrap(sts.requests.first)
        XCTAssertEqual(request.formFields["Action"], "AssumeRole")
        XCTAssertEqual(request.formFields["RoleArn"], "arn:aws:iam::123456789012:role/Auditor")
        XCTAssertEqual(request.formFields["ExternalId"], "ext-1")
        XCTAssertTrue(request.headers["authorization"]?.contains("Credential=AKIDBASE/") ?? false)
        XCTAssertTrue(request.headers["authorization"]?.contains("/eu-west-1/sts/aws4_request") ?? false)
    }

    func testSourceProfileLoopIsReported() async throws {
        let home = try TemporaryHome()
        try home.write(".aws/config", """
            [profile a]
            role_arn = arn:aws:iam::1:role/A
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/B
            source_profile = a
            """)
        do {
            _ = try await chain(home.environment([:], profile: "a")).credentials()
            XCTFail("expected a loop error")
        } catch AWSClientError.profileLoop(let loop) {
            XCTAssertEqual(loop, ["a", "b", "a"])
        }
    }

    func testWebIdentityFromEnvironmentIsUnsigned() async throws {
        let sts = try stsServer()
        defer { sts.stop() }
        let home = try TemporaryHome()
        let tokenFile = try home.write("token.jwt", "eyJ.web.identity\n")
        let environment = home.environment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::1:role/CI",
            "AWS_ROLE_SESSION_NAME": "ci", "AWS_ENDPOINT_URL": sts.baseURL,
        ])
        let (credentials, source) = try await chain(environment).resolve()
        XCTAssertEqual(credentials.accessKeyId, "ASIAROLEci")
        XCTAssertTrue(source.hasPrefix("web identity"))
        let request = try XCTUnwrap(sts.requests.first)
        XCTAssertEqual(request.formFields["Action"], "AssumeRoleWithWebIdentity")
        XCTAssertEqual(request.formFields["WebIdentityToken"], "eyJ.web.identity")
        XCTAssertNil(request.headers["authorization"])
    }

    func testCredentialProcess() async throws {
        let home = try TemporaryHome()
        let script = try home.write("bin/creds.sh", """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}'
            """, executable: true)
        try home.write(".aws/config", "[default]\ncredential_process = \(script) --flag\n")
        let credentials = try await chain(home.environment([:])).credentials()
        XCTAssertEqual(credentials?.accessKeyId, "AKIDPROC")
        XCTAssertEqual(credentials?.sessionToken, "proc-token")
        XCTAssertEqual(credentials?.expiration, ISO8601DateFormatter().date(from: "2099-01-01T00:00:00Z"))

        let failing = try home.write("bin/fail.sh", "#!/bin/sh\necho '{\"SecretAccessKey\":\"leak-me\"}'\nexit 3\n", executable: true)
        try home.write(".aws/config", "[default]\ncredential_process = \(failing)\n")
        do {
            _ = try await chain(home.environment([:])).credentials()
            XCTFail("expected failure")
        } catch let error as AWSClientError {
            XCTAssertTrue(error.localizedDescription.contains("status 3"))
            XCTAssertFalse(error.localizedDescription.contains("leak-me"))
        }
        let wrongVersion = try home.write("bin/v2.sh", "#!/bin/sh\necho '{\"Version\":2,\"AccessKeyId\":\"a\",\"SecretAccessKey\":\"b\"}'\n", executable: true)
        try home.write(".aws/config", "[default]\ncredential_process = \(wrongVersion)\n")
        do {
            _ = try await chain(home.environment([:])).credentials()
            XCTFail("expected failure")
        } catch let error as AWSClientError {
            XCTAssertTrue(error.localizedDescription.contains("Version"))
        }
    }

    func testContainerCredentialsWithAuthorizationToken() async throws {
        let server = try StubHTTPServer { request in
            guard request.headers["authorization"] == "container-auth" else { return .init(status: 401) }
            return .init(body: #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"c-secret","Token":"c-token","Expiration":"2099-01-01T00:00:00Z"}"#)
        }
        defer { server.stop() }
        let home = try TemporaryHome()
        let environment = home.environment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v2/credentials/abc",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-auth",
        ])
        let (credentials, source) = try await chain(environment, metadata: URLSessionTransport(connectTimeout: 1, requestTimeout: 2)).resolve()
        XCTAssertEqual(credentials.accessKeyId, "ASIACONTAINER")
        XCTAssertTrue(source.hasPrefix("ECS container"))
        XCTAssertEqual(server.requests.first?.target, "/v2/credentials/abc")
        let remote = home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://attacker.example/creds"])
        do {
            _ = try await chain(remote).credentials()
            XCTFail("plain http to a remote host must be refused")
        } catch AWSClientError.credentialSourceFailed {}
    }

    func testIMDSv2TokenThenRoleThenCredentials() async throws {
        let server = try StubHTTPServer { request in
            switch (request.method, request.target) {
            case ("PUT", "/latest/api/token"):
                return .init(body: request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == nil ? "" : "imds-token")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return request.headers["x-aws-ec2-metadata-token"] == "imds-token" ? .init(body: "AuditRole\n") : .init(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/AuditRole"):
                return .init(body: #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"i-secret","Token":"i-token","Expiration":"2099-01-01T00:00:00Z"}"#)
            default: return .init(status: 404)
            }
        }
        defer { server.stop() }
        let home = try TemporaryHome()
        let environment = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL])
        let (credentials, source) = try await chain(environment, metadata: URLSessionTransport(connectTimeout: 1, requestTimeout: 1)).resolve()
        XCTAssertEqual(credentials.accessKeyId, "ASIAIMDS")
        XCTAssertEqual(source, "EC2 instance metadata (IMDSv2)")
        XCTAssertEqual(server.requests.map(\.method), ["PUT", "GET", "GET"])
        let disabled = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_EC2_METADATA_DISABLED": "true"])
        do {
            _ = try await chain(disabled, metadata: URLSessionTransport(connectTimeout: 1, requestTimeout: 1)).credentials()
            XCTFail("IMDS disabled")
        } catch AWSClientError.noCredentials {}
    }

    func testUnreachableIMDSGivesUpWithinTheTimeout() async throws {
        // A listener that never answers: the 1 s timeout must end the attempt.
        let silent = try StubHTTPServer { _ in .init(body: "late", delay: 10) }
        defer { silent.stop() }
        let home = try TemporaryHome()
        let environment = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": silent.baseURL])
        let started = Date()
        do {
            _ = try await chain(environment, metadata: URLSessionTransport(connectTimeout: 1, requestTimeout: 1)).credentials()
            XCTFail("expected noCredentials")
        } catch AWSClientError.noCredentials {}
        XCTAssertLessThan(Date().timeIntervalSince(started), 8, "IMDS probing must not wait for the slow answer")
    }
}
