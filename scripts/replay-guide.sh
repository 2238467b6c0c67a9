#!/usr/bin/env bash
# Replays the deployment guide's AWS CLI commands (sections 2-15) against an
# emulator (moto), then adds a few resources OUTSIDE the guide's scope so
# tests can prove scoping. Prints the created ids as KEY=VALUE lines.
#
#   scripts/replay-guide.sh http://127.0.0.1:PORT
#
# The guide assumes a VPC, two subnets and one security group shared by RDS and
# ElastiCache (sg-0e9c31a4a958f802d); they are created first. Every guide
# id/ARN is replaced by the one the emulator returns. Credentials default to
# dummy values (AWS_ACCESS_KEY_ID=testing); region us-east-1.
# The task definition is examples/guide/task-definition.json (section 10 of the
# guide) or, when absent, the JSON block of section 10 of $GUIDE.
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER="" AWS_MAX_ATTEMPTS=1
unset AWS_PROFILE AWS_SESSION_TOKEN
awsx() { aws --endpoint-url "$endpoint" --region us-east-1 "$@"; }
q() { awsx "$@" --output text; }                 # a single value via --query
step() { echo "replay-guide: $*" >&2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

guide_account=882816896907
account="$(q sts get-caller-identity --query Account)"

# --- What the guide assumes exists -------------------------------------------
step "network the guide assumes"
vpc="$(q ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId)"
subnet_a="$(q ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId)"
subnet_b="$(q ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.0.2.0/24 --availability-zone us-east-1b --query Subnet.SubnetId)"
# One group shared by RDS and ElastiCache (sg-0e9c31a4a958f802d). The guide never
# adds ingress from the ECS group to it.
data_sg="$(q ec2 create-security-group --group-name hydrous-data-sg --description "Hydrous RDS and Redis" --vpc-id "$vpc" --query GroupId)"

# --- 2. RDS PostgreSQL ---------------------------------------------------------
step "2 rds"
awsx rds create-db-instance \
    --db-instance-identifier hydrous-db \
    --db-instance-class db.t3.micro \
    --engine postgres \
    --master-username hydrous \
    --master-user-password "hydrous_password" \
    --allocated-storage 20 \
    --vpc-security-group-ids "$data_sg" \
    --availability-zone us-east-1a \
    --db-name hydrous_db \
    --port 5432 \
    --no-publicly-accessible \
    --backup-retention-period 7 \
    --tags Key=Project,Value=HydrousBackend >/dev/null

# --- 3. ElastiCache Redis ------------------------------------------------------
step "3 elasticache"
awsx elasticache create-cache-cluster \
    --cache-cluster-id hydrous-redis \
    --engine redis \
    --cache-node-type cache.t3.micro \
    --num-cache-nodes 1 \
    --port 6379 \
    --security-group-ids "$data_sg" \
    --tags Key=Project,Value=HydrousBackend >/dev/null

# --- 4. ECR --------------------------------------------------------------------
step "4 ecr"
repository_uri="$(q ecr create-repository \
    --repository-name hydrous-backend \
    --image-scanning-configuration scanOnPush=true \
    --tags Key=Project,Value=HydrousBackend --query repository.repositoryUri)"

# --- 5-6. docker push: stand in with an image manifest tagged latest ---------
step "6 image push (manifest only)"
cat >"$tmp/manifest.json" <<'JSON'
{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},
 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"},
           {"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":16724,"digest":"sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b"}]}
JSON
awsx ecr put-image --repository-name hydrous-backend --image-tag latest \
    --image-manifest "file://$tmp/manifest.json" >/dev/null

# --- 7. ECS cluster ------------------------------------------------------------
step "7 ecs cluster"
cluster_arn="$(q ecs create-cluster \
    --cluster-name hydrous-cluster \
    --tags key=Project,value=HydrousBackend --query cluster.clusterArn)"

# --- 8. Task execution role ----------------------------------------------------
step "8 iam role"
role_arn="$(q iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn)"
awsx iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy

# --- 9. Log group --------------------------------------------------------------
step "9 log group"
awsx logs create-log-group --log-group-name /ecs/hydrous-backend --tags Project=HydrousBackend

# --- 10. Task definition -------------------------------------------------------
step "10 task definition"
taskdef="${GUIDE_TASK_DEFINITION:-$repo/examples/guide/task-definition.json}"
if [[ ! -f "$taskdef" ]]; then
    guide="${GUIDE:-/work/shared/guide/aws-deployment-guide.md}"
    [[ -f "$guide" ]] || { echo "replay-guide: no task definition: neither $taskdef nor the guide $guide exists; set GUIDE_TASK_DEFINITION or GUIDE" >&2; exit 1; }
    python3 - "$guide" >"$tmp/guide-taskdef.json" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text[text.index("### 10."):]
print(re.search(r"```json\n(.*?)```", section, re.S).group(1))
PY
    taskdef="$tmp/guide-taskdef.json"
fi
sed "s/$guide_account/$account/g" "$taskdef" >"$tmp/task-definition.json"
taskdef_arn="$(q ecs register-task-definition --cli-input-json "file://$tmp/task-definition.json" --query taskDefinition.taskDefinitionArn)"

# --- 11. Security groups -------------------------------------------------------
step "11 security groups"
alb_sg="$(q ec2 create-security-group --group-name hydrous-alb-sg --description "Security group for Hydrous ALB" --vpc-id "$vpc" --query GroupId)"
awsx ec2 authorize-security-group-ingress --group-id "$alb_sg" --protocol tcp --port 80 --cidr 0.0.0.0/0 >/dev/null
awsx ec2 authorize-security-group-ingress --group-id "$alb_sg" --protocol tcp --port 443 --cidr 0.0.0.0/0 >/dev/null
ecs_sg="$(q ec2 create-security-group --group-name hydrous-ecs-sg --description "Security group for Hydrous ECS service" --vpc-id "$vpc" --query GroupId)"
awsx ec2 authorize-security-group-ingress --group-id "$ecs_sg" --protocol tcp --port 8000 --source-group "$alb_sg" >/dev/null

# --- 12. Load balancer ---------------------------------------------------------
step "12 load balancer"
read -r lb_arn lb_dns < <(q elbv2 create-load-balancer \
    --name hydrous-alb \
    --subnets "$subnet_a" "$subnet_b" \
    --security-groups "$alb_sg" \
    --tags Key=Project,Value=HydrousBackend \
    --query 'LoadBalancers[0].[LoadBalancerArn,DNSName]')

# --- 13. Target group ----------------------------------------------------------
step "13 target group"
tg_arn="$(q elbv2 create-target-group \
    --name hydrous-tg \
    --protocol HTTP \
    --port 8000 \
    --vpc-id "$vpc" \
    --target-type ip \
    --health-check-path /api/health \
    --health-check-interval-seconds 30 \
    --health-check-timeout-seconds 5 \
    --healthy-threshold-count 2 \
    --unhealthy-threshold-count 2 --query 'TargetGroups[0].TargetGroupArn')"

# --- 14. Listener --------------------------------------------------------------
step "14 listener"
listener_arn="$(q elbv2 create-listener \
    --load-balancer-arn "$lb_arn" \
    --protocol HTTP \
    --port 80 \
    --default-actions "Type=forward,TargetGroupArn=$tg_arn" --query 'Listeners[0].ListenerArn')"

# --- 15. ECS service -----------------------------------------------------------
step "15 ecs service"
service_arn="$(q ecs create-service \
    --cluster hydrous-cluster \
    --service-name hydrous-backend-service \
    --task-definition hydrous-backend-task:1 \
    --desired-count 1 \
    --launch-type FARGATE \
    --platform-version LATEST \
    --network-configuration "awsvpcConfiguration={subnets=[$subnet_a,$subnet_b],securityGroups=[$ecs_sg],assignPublicIp=ENABLED}" \
    --load-balancers "targetGroupArn=$tg_arn,containerName=hydrous-backend,containerPort=8000" \
    --query service.serviceArn)"

db_endpoint="$(q rds describe-db-instances --db-instance-identifier hydrous-db --query 'DBInstances[0].Endpoint.Address')"
cache_endpoint="$(q elasticache describe-cache-clusters --cache-cluster-id hydrous-redis --show-cache-node-info --query 'CacheClusters[0].CacheNodes[0].Endpoint.Address')"

# --- Outside the scope: no Project=HydrousBackend tag, nothing referenced ------
step "out-of-scope resources"
other_sg="$(q ec2 create-security-group --group-name other-sg --description "Another team" --vpc-id "$vpc" --query GroupId)"
awsx ec2 authorize-security-group-ingress --group-id "$other_sg" --protocol tcp --port 22 --cidr 0.0.0.0/0 >/dev/null
awsx iam create-role --role-name otherTaskRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
awsx logs create-log-group --log-group-name /ecs/other --tags Project=Other
awsx ecr create-repository --repository-name other-repo --tags Key=Project,Value=Other >/dev/null
other_cluster_arn="$(q ecs create-cluster --cluster-name other-cluster --tags key=Project,value=Other --query cluster.clusterArn)"
cat >"$tmp/other-task.json" <<JSON
{"family": "other-task", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "executionRoleArn": "arn:aws:iam::$account:role/otherTaskRole",
 "containerDefinitions": [{"name": "other", "image": "$account.dkr.ecr.us-east-1.amazonaws.com/other-repo:1.0", "essential": true,
   "environment": [{"name": "OTHER_PASSWORD", "value": "other-team-secret"}],
   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/other", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}]}
JSON
other_taskdef_arn="$(q ecs register-task-definition --cli-input-json "file://$tmp/other-task.json" --query taskDefinition.taskDefinitionArn)"
other_service_arn="$(q ecs create-service --cluster other-cluster --service-name other-service --task-definition other-task:1 \
    --desired-count 1 --launch-type FARGATE \
    --network-configuration "awsvpcConfiguration={subnets=[$subnet_a],securityGroups=[$other_sg],assignPublicIp=DISABLED}" \
    --query service.serviceArn)"
awsx rds create-db-instance --db-instance-identifier other-db --db-instance-class db.t3.micro --engine mysql \
    --master-username admin --master-user-password "other_password" --allocated-storage 20 \
    --vpc-security-group-ids "$other_sg" --tags Key=Project,Value=Other >/dev/null
awsx elasticache create-cache-cluster --cache-cluster-id other-redis --engine redis --cache-node-type cache.t3.micro \
    --num-cache-nodes 1 --security-group-ids "$other_sg" --tags Key=Project,Value=Other >/dev/null

cat <<OUT
ACCOUNT=$account
VPC_ID=$vpc
SUBNET_A=$subnet_a
SUBNET_B=$subnet_b
DATA_SG=$data_sg
ALB_SG=$alb_sg
ECS_SG=$ecs_sg
DB_ID=hydrous-db
DB_ENDPOINT=$db_endpoint
CACHE_ID=hydrous-redis
CACHE_ENDPOINT=$cache_endpoint
REPOSITORY_URI=$repository_uri
CLUSTER_ARN=$cluster_arn
ROLE_ARN=$role_arn
LOG_GROUP=/ecs/hydrous-backend
TASK_DEFINITION_ARN=$taskdef_arn
LB_ARN=$lb_arn
LB_DNS=$lb_dns
TG_ARN=$tg_arn
LISTENER_ARN=$listener_arn
SERVICE_ARN=$service_arn
OTHER_SG=$other_sg
OTHER_CLUSTER_ARN=$other_cluster_arn
OTHER_TASK_DEFINITION_ARN=$other_taskdef_arn
OTHER_SERVICE_ARN=$other_service_arn
OTHER_DB_ID=other-db
OTHER_CACHE_ID=other-redis
OTHER_REPOSITORY=other-repo
OTHER_LOG_GROUP=/ecs/other
OTHER_ROLE=otherTaskRole
OUT
