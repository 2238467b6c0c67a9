import XCTest
@testable import Rules

/// The detector's table (rules.md, brief): every case both ways.
final class SecretDetectorTests: XCTestCase {
    let detector = SecretDetector()

    static let gitSHA = "3f786850e387550fdab836ed7e6dc881de23001b"
    static let ghToken = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
    static let stripeKey = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
    static let randomKey = "q7Vx2LpK9mZr4TbW8nYc3HdF6sJa1GeU"  // 32 base64-alphabet characters

    /// Name/value pairs that must fire, with one signal each must show.
    static let secrets: [(name: String, value: String, signal: String)] = [
        ("POSTGRES_PASSWORD", "hydrous_password", "name:PASSWORD"),
        ("JWT_SECRET_KEY", "temporalsecretkey123456789", "name:SECRET"),
        ("REDIS_URL", "redis://:redis_password@hydrous-redis.xxxxxx.0001.use1.cache.amazonaws.com:6379/0",
         "value:url-credentials"),
        ("DB_PASSWORD", "pw-1-2", "name:PASSWORD"),
        ("DATABASE", "postgres://app:s3cr3t-pw@db:5432/app", "value:url-credentials"),
        ("UPSTREAM", "AKIAIOSFODNN7EXAMPLE", "value:aws-access-key"),
        ("CI_HELPER", ghToken, "value:github-token"),
        ("BILLING", stripeKey, "value:stripe-live-key"),
        ("INNOCENT", randomKey, "value:high-entropy"),
        ("SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
         "value:jwt"),
        ("TLS", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "value:pem-private-key"),
        ("NOTIFY", "xoxb-1234567890-abcdefghij", "value:slack-token"),
        ("STRIPE_RK", "rk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "value:stripe-live-key"),
        ("TEMP_CREDS", "ASIAY34FZKBOKMUTVV7A", "value:aws-access-key"),
        ("FINE_GRAINED", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "value:github-token"),
        ("STRIPE_API_KEY", "abc-123-def", "name:API_KEY"),
        ("AWS_ACCESS_KEY", "zzz-not-a-real-key", "name:ACCESS_KEY"),
        ("privateKey", "abcdefgh", "name:PRIVATE_KEY"),
        ("redisPassword", "hunter22", "name:PASSWORD"),
        ("--master-user-password", "hydrous_password", "name:PASSWORD"),
        ("--auth-token", "tok-123456", "name:AUTH"),
        ("APP_SALT", "pepper", "name:SALT"),
        ("SENTRY_DSN_VALUE", "mysql://root:rootpw@db/app", "value:url-credentials"),
        ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "name:SECRET"),
        ("CLIENT_SECRET", "short", "name:SECRET"),
        ("Contraseña", "hydrous_password", "name:CONTRASEÑA"),
        ("DATABASE_URL", "postgresql://hydrous:hydrous_password@hydrous-db:5432/hydrous_db", "value:url-credentials"),
    ]

    /// Pairs that must not fire (decoys included).
    static let nonSecrets: [(name: String, value: String?)] = [
        ("POSTGRES_USER", "hydrous"),
        ("POSTGRES_SERVER", "hydrous-db.xxxxxxxx.us-east-1.rds.amazonaws.com"),
        ("POSTGRES_PORT", "5432"),
        ("POSTGRES_DB", "hydrous_db"),
        ("DEBUG", "False"),
        ("MODEL", "gpt-4o-mini"),
        ("MIN_PASSWORD_LENGTH", "10"),
        ("SESSION_SECRET_FILE", "/run/secrets/session"),
        ("API_TOKEN_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-AbCdEf"),
        ("MYSQL_ALLOW_EMPTY_PASSWORD", "yes"),
        ("AUTH_ENABLED", "true"),
        ("REDIS_URL", "rediss://host:6379/0"),
        ("GIT_SHA", gitSHA),
        ("DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"),
        ("TOKEN_TTL", "3600"),
        ("DB_PASSWORD", ""),
        ("DB_PASSWORD", nil),
        ("DB_PASSWORD", "   "),
        ("API_KEY", "12345"),
        ("SECRET", "{{resolve:secretsmanager:prod/db:SecretString:password}}"),
        ("PASSWORD", "ssm:/prod/db/password"),
        ("DB_PASSWORD", "${DB_PASSWORD}"),
        ("DB_PASSWORD", "<your-password>"),
        ("AUTH_URL", "https://auth.hydrous.io/login"),
        ("DATABASE_URL", "postgres://app@db:5432/app"),
        ("REDIS_URL", "redis://:${REDIS_PASSWORD}@cache:6379/0"),
        ("DEPLOY_ID", "AKIA-like-but-not"),
        ("SERVICE_NAME", "hydrous-backend-service-production-east1"),
        ("APP_LABEL", "MyApplicationName-Production-v1"),
        ("CACHE_KEY", "users-by-email"),
        ("BUILD_DIGEST", "sha256-550e8400e29b41d4a716446655440000"),
        ("REQUEST_ID_HEADER", "X-Request-Id"),
        ("IMAGE", "882816896907.dkr.ecr.us-east-1.amazonaws.com/hydrous-backend:latest"),
        ("CORRELATION", "550e8400-e29b-41d4-a716-446655440000"),
        ("KEY", "some-value"),
        ("BYPASS_CACHE", "sometimes"),
        ("OAUTH_CLIENT_ID", "my-client"),
        ("CSRF_TOKEN_HEADER", "X-CSRF-Token"),
        ("JWT_EXPIRES_IN", "1h"),
        ("JWT_ALGORITHM", "HS256"),
        ("PASSWORD_POLICY", "strong"),
        ("PASS_THROUGH_HEADERS", "x-trace"),
        ("TOKEN_ENDPOINT", "https://auth.hydrous.io/oauth/token"),
        ("SECRETS_MANAGER_REGION", "us-east-1"),
    ]

    func testSecretsFire() {
        for (name, value, signal) in Self.secrets {
            let verdict = detector.classify(name: name, value: value)
            XCTAssertTrue(verdict.isSecret, "\(name) should fire, got \(verdict)")
            XCTAssertTrue(verdict.signals.contains(signal), "\(name): expected \(signal) in \(verdict.signals)")
        }
    }

    func testNonSecretsDoNotFire() {
        for (name, value) in Self.nonSecrets {
            let verdict = detector.classify(name: name, value: value)
            XCTAssertFalse(verdict.isSecret, "\(name)=\(value ?? "nil") must not fire, got \(verdict)")
        }
    }

    func testReasonsAreNamed() {
        XCTAssertEqual(detector.classify(name: "SESSION_SECRET_FILE", value: "/run/secrets/session"),
                       .notSecret(reason: "name ends in _FILE: a reference or a setting, not the secret"))
        XCTAssertEqual(detector.classify(name: "AUTH_ENABLED", value: "true"),
                       .notSecret(reason: "name ends in _ENABLED: a reference or a setting, not the secret"))
        XCTAssertEqual(detector.classify(name: "MYSQL_ALLOW_EMPTY_PASSWORD", value: "yes"),
                       .notSecret(reason: "name contains ALLOW_EMPTY: a setting"))
        XCTAssertEqual(detector.classify(name: "PASSWORD", value: "false"), .notSecret(reason: "boolean value"))
        XCTAssertEqual(detector.classify(name: "X", value: ""), .notSecret(reason: "empty value"))
    }

    func testNameWords() {
        XCTAssertEqual(NameWords.split("JWT_SECRET_KEY"), ["JWT", "SECRET", "KEY"])
        XCTAssertEqual(NameWords.split("jwtSecretKey"), ["JWT", "SECRET", "KEY"])
        XCTAssertEqual(NameWords.split("JWTSecret"), ["JWT", "SECRET"])
        XCTAssertEqual(NameWords.split("--master-user-password"), ["MASTER", "USER", "PASSWORD"])
        XCTAssertEqual(NameWords.split("db.password"), ["DB", "PASSWORD"])
        XCTAssertEqual(NameWords.split("OAUTH2Token"), ["OAUTH2", "TOKEN"])
    }

    func testKeyAloneIsWeakButPairsFire() {
        XCTAssertEqual(detector.classify(name: "JWT_SECRET_KEY", value: "abc").signals, ["name:SECRET"])
        XCTAssertEqual(detector.classify(name: "API_KEY", value: "abc").signals, ["name:API_KEY"])
        XCTAssertFalse(detector.classify(name: "SORT_KEY", value: "created_at").isSecret)
        XCTAssertFalse(detector.classify(name: "PASSWORDLESS", value: "magic-link").isSecret)
    }

    func testEntropyTuning() {
        XCTAssertFalse(detector.classify(name: "GIT_SHA", value: Self.gitSHA).isSecret)
        XCTAssertFalse(detector.classify(name: "COMMIT", value: Self.gitSHA).isSecret)
        XCTAssertTrue(detector.classify(name: "INNOCENT", value: Self.randomKey).isSecret)
        // Too short for entropy alone.
        XCTAssertFalse(detector.classify(name: "INNOCENT", value: String(Self.randomKey.prefix(16))).isSecret)
        XCTAssertFalse(detector.classify(name: "TITLE", value: "HydrousBackendProductionService").isSecret)
        XCTAssertFalse(detector.classify(name: "TITLE", value: "TheQuickBrownFoxJumpsOverIt").isSecret)
        XCTAssertFalse(detector.classify(name: "BUILD", value: "Version20240101BuildNumber1234").isSecret)
    }

    func testValueSignalsBeatNameReasons() {
        // A known token shape fires even under a reference-looking name.
        XCTAssertTrue(detector.classify(name: "UPSTREAM_KEY_ID", value: "AKIAIOSFODNN7EXAMPLE").isSecret)
    }

    func testAllowListByNameAndByFingerprint() throws {
        var patterns = SecretPatterns.default
        let sha = detector.evidence(name: "DB_PASSWORD", value: "pw-1-2").sha256
        patterns.allow = ["LEGACY_TOKEN", "DB_PASSWORD=\(sha)"]
        let custom = try SecretDetector(patterns: patterns)
        XCTAssertFalse(custom.classify(name: "LEGACY_TOKEN", value: "anything").isSecret)
        XCTAssertFalse(custom.classify(name: "DB_PASSWORD", value: "pw-1-2").isSecret)
        XCTAssertTrue(custom.classify(name: "DB_PASSWORD", value: "pw-rotated").isSecret)
        // Works on a redacted value too.
        let redacted = detector.redact(name: "DB_PASSWORD", value: "pw-1-2")
        XCTAssertFalse(custom.classify(name: "DB_PASSWORD", value: redacted).isSecret)
    }

    func testBadShapeIsRejected() {
        var patterns = SecretPatterns.default
        patterns.valueShapes.append(ValueShape(name: "broken", pattern: "(unclosed"))
        XCTAssertThrowsError(try SecretDetector(patterns: patterns))
    }

    func testURLParsing() {
        let creds = URLCredentials.find(in: "redis://:p@ss/w0rd@cache.example.net:6379/0")
        XCTAssertEqual(creds?.password, "p@ss/w0rd")
        XCTAssertEqual(creds?.host, "cache.example.net")
        XCTAssertNil(URLCredentials.find(in: "http://host:8080/x@y"))
        XCTAssertEqual(URLParts("postgres://u:p@db.internal:5432/app?sslmode=disable")?.query, "sslmode=disable")
        XCTAssertEqual(URLParts("postgres://u:p@db.internal:5432/app")?.port, 5432)
    }

    func testExplanationListsActivePatterns() {
        let text = detector.explanation.joined(separator: "\n")
        XCTAssertTrue(text.contains("PASSWORD"))
        XCTAssertTrue(text.contains("aws-access-key"))
        XCTAssertTrue(text.contains("_FILE"))
    }
}
