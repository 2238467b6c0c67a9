import HydrousAudit

print("hydrous-audit \(HydrousAuditVersion.current)")
