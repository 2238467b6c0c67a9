#!/usr/bin/env bash
# Weekly hydrous-audit report for cron (see weekly.cron): audits the live
# deployment into this week's JSON, prints what changed since last week's JSON
# (`hydrous-audit diff`), then keeps this week's as `latest.json` for next week.
#
#   HYDROUS_REPORTS  folder of the reports (default ~/hydrous-audit-reports)
#   HYDROUS_TAG      scope of the audit (default Project=HydrousBackend)
#   KEEP_WEEKS       weekly JSON files kept (default 12)
set -euo pipefail

reports="${HYDROUS_REPORTS:-$HOME/hydrous-audit-reports}"
tag="${HYDROUS_TAG:-Project=HydrousBackend}"
keep="${KEEP_WEEKS:-12}"
week="$(date -u +%G-W%V)"
mkdir -p "$reports"
cd "$reports"

# Exit 2 (bad input) or any failure stops here; an incomplete audit still
# writes its report, which lists what could not be read.
hydrous-audit run --tag "$tag" --format json --output "report-$week.json.tmp" --fail-on none --allow-incomplete
mv "report-$week.json.tmp" "report-$week.json"

if [ -f latest.json ]; then
    hydrous-audit diff latest.json "report-$week.json" --format markdown --output "diff-$week.md"
    cat "diff-$week.md"
else
    echo "hydrous-audit: first report ($week); next week's run prints the diff."
fi
cp "report-$week.json" latest.json

# Keep the newest $keep weekly reports and diffs.
ls -1 report-*.json 2>/dev/null | sort | head -n "-$keep" | xargs -r rm -f
ls -1 diff-*.md 2>/dev/null | sort | head -n "-$keep" | xargs -r rm -f
