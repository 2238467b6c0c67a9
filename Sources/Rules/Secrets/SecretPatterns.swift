import Foundation

/// A named regular expression for a known secret token shape (`rules/secrets.yml` `value_shapes`).
public struct ValueShape: Sendable, Equatable {
    /// The shape's name, lower-case; the signal is `value:<name>`.
    public var name: String
    /// An ICU regular expression searched anywhere in the value.
    public var pattern: String
    /// Literals one of which every match contains (ASCII case ignored): the
    /// regex is only tried on values that hold one, as gitleaks' keywords.
    /// Empty: the regex is tried on every value.
    public var keywords: [String]

    /// Creates a shape.
    public init(name: String, pattern: String, keywords: [String] = []) {
        self.name = name
        self.pattern = pattern
        self.keywords = keywords
    }

    /// Throws when `pattern` is not a valid ICU regular expression. The
    /// built-in shapes' patterns (which `rules/secrets.yml` repeats) are known
    /// to compile and are not compiled again here: compiling the first
    /// expression of a run initialises ICU's regex tables (~2 ms), and a run
    /// whose values hold no shape's keyword needs no expression at all.
    static func validate(_ pattern: String) throws {
        if builtInPatterns.contains(pattern) { return }
        _ = try RegexCache.compiled(pattern)
    }

    /// The patterns of `SecretPatterns.default.valueShapes`.
    static let builtInPatterns = Set(SecretPatterns.default.valueShapes.map(\.pattern))
}

/// When a long value counts as random (`rules/secrets.yml` `entropy`).
public struct EntropySettings: Sendable, Equatable {
    /// Shorter values never fire on entropy alone.
    public var minLength: Int = 20
    /// Bits per character needed when lower case, upper case and digits all appear.
    public var minBitsThreeClasses: Double = 3.5
    /// Bits per character needed when only two of those classes appear.
    public var minBitsTwoClasses: Double = 4.3
    /// A value whose letters are at least this share vowels ...
    public var wordVowelRatio: Double = 0.3
    /// ... and whose character class changes less often than this per character reads as words.
    public var wordTransitionRate: Double = 0.5

    /// The built-in tuning (see `rules/secrets.yml` for the reasoning).
    public init() {}
}

/// Everything the secret detector matches on, loaded from `rules/secrets.yml`
/// (or these built-in defaults, which the shipped file repeats).
public struct SecretPatterns: Sendable, Equatable {
    /// Whole words of a name that make its value a secret (`PASSWORD`, `TOKEN`).
    public var nameSignals: [String]
    /// Consecutive word pairs that do (`API_KEY`): `KEY` alone is too weak.
    public var nameSignalPairs: [String]
    /// A last word that makes the name a reference or a setting (`FILE`, `ARN`, `TTL`).
    public var notSecretSuffixes: [String]
    /// First words that do (`ALLOW_EMPTY`).
    public var notSecretPrefixes: [String]
    /// Word sequences anywhere in the name that do (`ALLOW_EMPTY`).
    public var notSecretContains: [String]
    /// Known token shapes: they fire whatever the name.
    public var valueShapes: [ValueShape]
    /// Entropy tuning for long values under innocent names.
    public var entropy: EntropySettings
    /// Silenced variables: `NAME`, or `NAME=<sha256 prefix of the value>` as findings show it.
    public var allow: [String]

    /// Creates patterns.
    public init(
        nameSignals: [String], nameSignalPairs: [String], notSecretSuffixes: [String],
        notSecretPrefixes: [String], notSecretContains: [String], valueShapes: [ValueShape],
        entropy: EntropySettings = EntropySettings(), allow: [String] = []
    ) {
        self.nameSignals = nameSignals
        self.nameSignalPairs = nameSignalPairs
        self.notSecretSuffixes = notSecretSuffixes
        self.notSecretPrefixes = notSecretPrefixes
        self.notSecretContains = notSecretContains
        self.valueShapes = valueShapes
        self.entropy = entropy
        self.allow = allow
    }

    /// The built-in patterns (rules.md, "What a secret in clear text means").
    public static let `default` = SecretPatterns(
        nameSignals: [
            "PASSWORD", "PASSWD", "PWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "CREDENTIAL",
            "CREDENTIALS", "CREDS", "AUTH", "SALT", "DSN", "APIKEY", "ACCESSKEY", "PRIVATEKEY", "SECRETKEY",
            "CONTRASEÑA", "CONTRASENA", "CLAVE", "SECRETO",
        ],
        nameSignalPairs: [
            "API_KEY", "ACCESS_KEY", "PRIVATE_KEY", "ENCRYPTION_KEY", "SIGNING_KEY", "MASTER_KEY",
            "LICENSE_KEY", "SESSION_KEY", "CONNECTION_STRING",
        ],
        notSecretSuffixes: [
            "FILE", "PATH", "DIR", "NAME", "ARN", "ID", "TTL", "SECONDS", "MINUTES", "HOURS", "DAYS", "TIMEOUT",
            "LENGTH", "SIZE", "COUNT", "ENABLED", "DISABLED", "REQUIRED", "ALGORITHM", "TYPE", "MODE", "PROVIDER",
            "ISSUER", "AUDIENCE", "VERSION", "HOST", "PORT", "USER", "USERNAME", "HEADER", "HEADERS", "PREFIX",
            "FORMAT", "REGION", "POLICY", "SCOPE", "SCOPES", "ENDPOINT", "URL", "URI", "METHOD", "STRATEGY",
            "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "ROTATION",
        ],
        notSecretPrefixes: ["ALLOW_EMPTY"],
        notSecretContains: ["ALLOW_EMPTY", "EXPIRES_IN"],
        valueShapes: [
            ValueShape(name: "aws-access-key", pattern: #"\b(AKIA|ASIA)[A-Z0-9]{16}\b"#, keywords: ["AKIA", "ASIA"]),
            ValueShape(name: "jwt", pattern: #"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"#, keywords: ["eyJ"]),
            ValueShape(name: "pem-private-key", pattern: #"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----"#, keywords: ["PRIVATE KEY-----"]),
            ValueShape(
                name: "github-token", pattern: #"\b(gh[pousr]_[A-Za-z0-9]{36}\b|github_pat_[A-Za-z0-9_]{22,})"#,
                keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
            ValueShape(name: "slack-token", pattern: #"\bxox[abprs]-[A-Za-z0-9-]{10,}"#, keywords: ["xox"]),
            ValueShape(name: "stripe-live-key", pattern: #"\b[sr]k_live_[A-Za-z0-9]{24,}"#, keywords: ["k_live_"]),
        ]
    )
}
