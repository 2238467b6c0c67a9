import Inventory
@testable import Rules
import XCTest

/// Edge cases of the load balancer, database, cache, registry and log rules.
final class PlatformRulesTests: XCTestCase {
    typealias F = PlatformFixtures

    // MARK: elb_http_only_listener

    func testRedirectListenerPlusHTTPSPasses() {
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer()]
            inv.listeners = [
                F.listener(protocol: "HTTP", port: 80, actions: [F.redirectToHTTPS]),
                F.listener(protocol: "HTTPS", port: 443),
            ]
        }
        XCTAssertEqual(runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory), [])
    }

    func testRedirectToHTTPOrFixedResponseStillCountsAsPlain() {
        let redirectToHTTP = ListenerAction(type: "redirect", redirect: RedirectConfig(protocol: "HTTP", port: "8080"))
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer()]
            inv.listeners = [
                F.listener(protocol: "HTTP", port: 80, actions: [redirectToHTTP]),
                F.listener(protocol: "HTTP", port: 8080),
                F.listener(protocol: "HTTPS", port: 443),
            ]
        }
        let findings = runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory)
        XCTAssertEqual(findings.count, 1, "one finding per load balancer")
        XCTAssertEqual(
            findings.first?.message,
            "hydrous-alb serves plain HTTP: listeners HTTP:80 and HTTP:8080 forward traffic instead of redirecting to HTTPS."
        )
    }

    func testHTTPOnlyFindingIsLocatedAtTheListenerLine() {
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer { $0.locations = F.fileLocation(228) }]
            var listener = F.listener(protocol: "HTTP", port: 80)
            listener.locations = F.fileLocation(253)
            inv.listeners = [listener]
        }
        let findings = runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory)
        XCTAssertEqual(findings.first?.location, SourceLocation(file: "docs/deploy.md", line: 253))
        XCTAssertEqual(findings.first?.resource.id, "hydrous-alb")
    }

    func testLoadBalancerWithoutListenersIsNotHTTPOnly() {
        let inventory = F.inventory { inv in inv.loadBalancers = [F.loadBalancer()] }
        XCTAssertEqual(runPlatformRule(ELBHTTPOnlyListenerRule.self, inventory), [])
    }

    // MARK: elb_weak_tls_policy

    func testTLSPolicyTable() {
        let legacy = [
            "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04",
            "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06",
        ]
        let modern = [
            "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
            "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-2019-08", "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        ]
        for name in legacy { XCTAssertEqual(TLSPolicyTable.allowsLegacyTLS(name), true, name) }
        for name in modern { XCTAssertEqual(TLSPolicyTable.allowsLegacyTLS(name), false, name) }
        XCTAssertNil(TLSPolicyTable.allowsLegacyTLS("my-custom-policy"))
    }

    func testWeakPolicyOnTLSListenerAndSilenceOnUnknownPolicy() {
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer()]
            inv.listeners = [
                F.listener(protocol: "TLS", port: 8443, sslPolicy: "ELBSecurityPolicy-2016-08"),
                F.listener(protocol: "HTTPS", port: 443, sslPolicy: "custom-policy"),
                F.listener(protocol: "HTTPS", port: 444),
            ]
            inv.listeners[2].sslPolicy = nil
        }
        let findings = runPlatformRule(ELBWeakTLSPolicyRule.self, inventory)
        XCTAssertEqual(flaggedIds(findings), ["hydrous-alb:8443"])
        XCTAssertEqual(findings.first?.message, "Listener TLS:8443 of hydrous-alb uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0/1.1.")
    }

    // MARK: ELB attributes

    func testPartialAttributesFromAFileUseAWSDefaultsForTheRest() {
        let inventory = F.inventory { inv in
            inv.loadBalancers = [F.loadBalancer {
                $0.attributes = ["deletion_protection.enabled": "true"]
                $0.locations = F.fileLocation(228)
            }]
        }
        XCTAssertEqual(runPlatformRule(ELBDeletionProtectionOffRule.self, inventory), [])
        XCTAssertEqual(flaggedIds(runPlatformRule(ELBAccessLogsOffRule.self, inventory)), ["hydrous-alb"])
        XCTAssertEqual(flaggedIds(runPlatformRule(ELBInvalidHeadersNotDroppedRule.self, inventory)), ["hydrous-alb"])
    }

    func testInvalidHeadersIsAnApplicationLoadBalancerConcern() {
        let inventory = F.inventory { inv in inv.loadBalancers = [F.loadBalancer { $0.type = "network" }] }
        XCTAssertEqual(runPlatformRule(ELBInvalidHeadersNotDroppedRule.self, inventory), [])
        XCTAssertEqual(flaggedIds(runPlatformRule(ELBDeletionProtectionOffRule.self, inventory)), ["hydrous-alb"])
    }

    // MARK: elb_open_port_without_listener

    func testPortRangesAndServedPortsAreNotReported() {
        let inventory = F.inventory { inv in
            inv.securityGroups = [F.securityGroup(F.albSG, ingress: [
                F.tcp(80, cidrs: ["0.0.0.0/0"]), F.tcp(1024, to: 2048, cidrs: ["10.0.0.0/8"]),
            ])]
            inv.loadBalancers = [F.loadBalancer()]
            inv.listeners = [F.listener(protocol: "HTTP", port: 80)]
        }
        XCTAssertEqual(runPlatformRule(ELBOpenPortWithoutListenerRule.self, inventory), [])
    }

    func testLiveLoadBalancerWithNoListenerReportsEveryOpenPort() {
        let inventory = F.inventory { inv in
            inv.securityGroups = F.guideSecurityGroups
            inv.loadBalancers = [F.loadBalancer()]
        }
        let findings = runPlatformRule(ELBOpenPortWithoutListenerRule.self, inventory)
        XCTAssertEqual(
            findings.map(\.message),
            ["hydrous-alb's security groups open ports 80 (sg-0656c9b30db94ff8d) and 443 (sg-0656c9b30db94ff8d) but it has no listener."]
        )
    }

    // MARK: RDS

    func testBackupRetentionHonoursMinDays() {
        let settings = RuleSettings(parameters: ["min_days": .number(14)])
        let findings = runPlatformRule(RDSBackupRetentionShortRule.self, PlatformFixtures.guide, settings: settings)
        XCTAssertEqual(flaggedIds(findings), ["hydrous-db"])
        XCTAssertEqual(findings.first?.message, "The database hydrous-db keeps automated backups for 7 days; at least 14 are required.")
    }

    func testSeverityOverrideFromSettings() {
        let settings = RuleSettings(severity: .high)
        let findings = runPlatformRule(RDSSingleAZRule.self, PlatformFixtures.guide, settings: settings)
        XCTAssertEqual(findings.map(\.severity), [.high])
    }

    func testUnknownRDSFactsStaySilent() {
        let unknown = F.inventory { inv in
            inv.dbInstances = [F.db {
                $0.storageEncrypted = nil
                $0.publiclyAccessible = nil
                $0.multiAZ = nil
                $0.deletionProtection = nil
                $0.backupRetentionPeriod = nil
            }]
        }
        for rule: any Rule.Type in [
            RDSStorageUnencryptedRule.self, RDSPublicAccessRule.self, RDSSingleAZRule.self,
            RDSDeletionProtectionOffRule.self, RDSBackupRetentionShortRule.self,
        ] {
            XCTAssertEqual(platformFindings(rule, unknown), [], rule.description.id)
        }
    }

    func testRDSFindingIsLocatedAtTheFlagLineWhenKnown() {
        let inventory = F.inventory { inv in
            inv.dbInstances = [F.db {
                $0.locations = [
                    LocationKey.resource: SourceLocation(file: "guide.md", line: 82),
                    "publiclyAccessible": SourceLocation(file: "guide.md", line: 93),
                ]
                $0.publiclyAccessible = true
            }]
        }
        XCTAssertEqual(runPlatformRule(RDSPublicAccessRule.self, inventory).first?.location, SourceLocation(file: "guide.md", line: 93))
        XCTAssertEqual(runPlatformRule(RDSSingleAZRule.self, inventory).first?.location, SourceLocation(file: "guide.md", line: 82))
    }

    func testAuroraIsLeftToClusterLevelChecks() {
        let inventory = F.inventory { inv in inv.dbInstances = [F.db { $0.engine = "aurora-postgresql" }] }
        XCTAssertEqual(runPlatformRule(RDSUnmanagedMasterPasswordRule.self, inventory), [])
        XCTAssertEqual(runPlatformRule(RDSSingleAZRule.self, inventory), [])
    }

    // MARK: Cache, registry, logs

    func testCacheBackupsUnknownFromAFileButOffFromLive() {
        let live = F.inventory { inv in inv.cacheClusters = [F.cache { $0.snapshotRetentionLimit = nil }] }
        let file = F.inventory { inv in
            inv.cacheClusters = [F.cache { $0.snapshotRetentionLimit = nil; $0.locations = F.fileLocation(100) }]
        }
        XCTAssertEqual(flaggedIds(runPlatformRule(CacheBackupsOffRule.self, live)), ["hydrous-redis"])
        XCTAssertEqual(runPlatformRule(CacheBackupsOffRule.self, file), [])
    }

    func testValkeyWithoutAuthFiresAndMemcachedIsSkipped() {
        let inventory = F.inventory { inv in
            inv.cacheClusters = [
                F.cache("sessions") { $0.engine = "valkey" },
                F.cache("memo") { $0.engine = "memcached"; $0.port = 11211 },
            ]
        }
        let findings = runPlatformRule(CacheAuthOffRule.self, inventory)
        XCTAssertEqual(flaggedIds(findings), ["sessions"])
        XCTAssertEqual(findings.first?.message, "The Valkey cache sessions has no AUTH token and no RBAC user group.")
        XCTAssertEqual(flaggedIds(runPlatformRule(CacheTransitEncryptionOffRule.self, inventory)), ["memo", "sessions"])
    }

    func testLowercaseMutabilityAndRetentionOnOtherGroups() {
        let inventory = F.inventory { inv in
            inv.repositories = [F.repository { $0.imageTagMutability = "mutable" }]
            inv.logGroups = [F.logGroup("/ecs/a", retention: 14), F.logGroup("/ecs/b")]
        }
        XCTAssertEqual(flaggedIds(runPlatformRule(ECRMutableTagsRule.self, inventory)), ["hydrous-backend"])
        XCTAssertEqual(flaggedIds(runPlatformRule(LogsNoRetentionRule.self, inventory)), ["/ecs/b"])
    }
}
