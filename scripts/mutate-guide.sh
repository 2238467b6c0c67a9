#!/usr/bin/env bash
# The "week after" of the guide's deployment, for the weekly `diff` test: run
# after scripts/replay-guide.sh against the same emulator. It removes the
# tasks' public IP and gives the log group a 30-day retention. Prints what it
# changed as KEY=VALUE lines.
#
#   scripts/mutate-guide.sh http://127.0.0.1:PORT
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER="" AWS_MAX_ATTEMPTS=1
unset AWS_PROFILE AWS_SESSION_TOKEN
awsx() { aws --endpoint-url "$endpoint" --region us-east-1 "$@"; }
q() { awsx "$@" --output text; }

read -r subnets groups < <(q ecs describe-services --cluster hydrous-cluster --services hydrous-backend-service \
    --query 'services[0].networkConfiguration.awsvpcConfiguration.[join(`,`, subnets), join(`,`, securityGroups)]')
[[ -n "$subnets" && "$subnets" != None ]] || { echo "mutate-guide: hydrous-backend-service not found; run scripts/replay-guide.sh first" >&2; exit 1; }

awsx ecs update-service --cluster hydrous-cluster --service hydrous-backend-service \
    --network-configuration "awsvpcConfiguration={subnets=[$subnets],securityGroups=[$groups],assignPublicIp=DISABLED}" >/dev/null
awsx logs put-retention-policy --log-group-name /ecs/hydrous-backend --retention-in-days 30

public_ip="$(q ecs describe-services --cluster hydrous-cluster --services hydrous-backend-service \
    --query 'services[0].networkConfiguration.awsvpcConfiguration.assignPublicIp')"
retention="$(q logs describe-log-groups --log-group-name-prefix /ecs/hydrous-backend --query 'logGroups[0].retentionInDays')"
[[ "$public_ip" == DISABLED && "$retention" == 30 ]] || { echo "mutate-guide: the emulator did not apply the change (assignPublicIp=$public_ip retention=$retention)" >&2; exit 1; }
echo "ASSIGN_PUBLIC_IP=$public_ip"
echo "LOG_RETENTION_DAYS=$retention"
