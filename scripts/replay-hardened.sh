#!/usr/bin/env bash
# Creates the HARDENED variant of the guide's deployment in an emulator (moto):
# what the guide's deployment looks like with every rule satisfied. Tests audit
# it to prove the rules stay quiet on good practice and on look-alike decoys.
# Everything is tagged Project=HydrousHardened. Prints ids as KEY=VALUE lines.
#
#   scripts/replay-hardened.sh http://127.0.0.1:PORT
#
# Secrets from Secrets Manager and SSM (`secrets`), HTTPS listener with an ACM
# certificate and HTTP->HTTPS redirect, no public IPs, app/db/cache security
# groups wired app->db:5432 and app->cache:6379, encrypted Multi-AZ gp3 RDS with
# a managed master password, log retention 30 days, immutable ECR tags and a
# lifecycle policy, image pinned to a version, desired count 2, a task role
# without the execution policy, Container Insights, read-only root filesystem,
# Redis with transit + at-rest encryption, AUTH and snapshots, ARM64, t4g
# instances, ALB deletion protection, access logs and invalid-header dropping.
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER="" AWS_MAX_ATTEMPTS=1
unset AWS_PROFILE AWS_SESSION_TOKEN
awsx() { aws --endpoint-url "$endpoint" --region us-east-1 "$@"; }
q() { awsx "$@" --output text; }
step() { echo "replay-hardened: $*" >&2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
tag_kv="Key=Project,Value=HydrousHardened"
tag_ecs="key=Project,value=HydrousHardened"
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'

account="$(q sts get-caller-identity --query Account)"

step "network: private subnets, app/db/cache/alb security groups"
vpc="$(q ec2 create-vpc --cidr-block 10.1.0.0/16 --tag-specifications "ResourceType=vpc,Tags=[{$tag_kv}]" --query Vpc.VpcId)"
subnet_a="$(q ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.1.1.0/24 --availability-zone us-east-1a --tag-specifications "ResourceType=subnet,Tags=[{$tag_kv}]" --query Subnet.SubnetId)"
subnet_b="$(q ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.1.2.0/24 --availability-zone us-east-1b --tag-specifications "ResourceType=subnet,Tags=[{$tag_kv}]" --query Subnet.SubnetId)"
sg() { q ec2 create-security-group --group-name "$1" --description "$2" --vpc-id "$vpc" --tag-specifications "ResourceType=security-group,Tags=[{$tag_kv}]" --query GroupId; }
alb_sg="$(sg hydrous-hardened-alb-sg "Hardened ALB: HTTPS, and HTTP only to redirect")"
app_sg="$(sg hydrous-hardened-app-sg "Hardened app tasks")"
db_sg="$(sg hydrous-hardened-db-sg "Hardened PostgreSQL")"
cache_sg="$(sg hydrous-hardened-cache-sg "Hardened Redis")"
awsx ec2 authorize-security-group-ingress --group-id "$alb_sg" --protocol tcp --port 443 --cidr 0.0.0.0/0 >/dev/null
awsx ec2 authorize-security-group-ingress --group-id "$alb_sg" --protocol tcp --port 80 --cidr 0.0.0.0/0 >/dev/null
awsx ec2 authorize-security-group-ingress --group-id "$app_sg" --protocol tcp --port 8000 --source-group "$alb_sg" >/dev/null
awsx ec2 authorize-security-group-ingress --group-id "$db_sg" --protocol tcp --port 5432 --source-group "$app_sg" >/dev/null
awsx ec2 authorize-security-group-ingress --group-id "$cache_sg" --protocol tcp --port 6379 --source-group "$app_sg" >/dev/null

step "secrets (Secrets Manager, SSM)"
jwt_secret_arn="$(q secretsmanager create-secret --name hydrous-hardened/jwt-secret-key \
    --secret-string="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')" --tags "$tag_kv" --query ARN)"
redis_token="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
awsx ssm put-parameter --name /hydrous-hardened/redis-auth-token --type SecureString --value="$redis_token" --tags "$tag_kv" >/dev/null
redis_param_arn="arn:aws:ssm:us-east-1:$account:parameter/hydrous-hardened/redis-auth-token"

step "rds: encrypted, Multi-AZ, gp3, managed master password"
awsx rds create-db-subnet-group --db-subnet-group-name hydrous-hardened-db-subnets \
    --db-subnet-group-description "Hardened private subnets" --subnet-ids "$subnet_a" "$subnet_b" --tags "$tag_kv" >/dev/null
awsx rds create-db-instance \
    --db-instance-identifier hydrous-hardened-db \
    --db-instance-class db.t4g.micro \
    --engine postgres --engine-version 16.3 \
    --master-username hydrous \
    --manage-master-user-password \
    --allocated-storage 20 --storage-type gp3 \
    --storage-encrypted --multi-az \
    --db-subnet-group-name hydrous-hardened-db-subnets \
    --vpc-security-group-ids "$db_sg" \
    --db-name hydrous_db --port 5432 \
    --no-publicly-accessible \
    --backup-retention-period 7 \
    --deletion-protection \
    --tags "$tag_kv" >/dev/null
read -r db_endpoint db_secret_arn < <(q rds describe-db-instances --db-instance-identifier hydrous-hardened-db \
    --query 'DBInstances[0].[Endpoint.Address,MasterUserSecret.SecretArn]')

step "elasticache: replication group with transit + at-rest encryption, AUTH, snapshots"
awsx elasticache create-cache-subnet-group --cache-subnet-group-name hydrous-hardened-cache-subnets \
    --cache-subnet-group-description "Hardened private subnets" --subnet-ids "$subnet_a" "$subnet_b" >/dev/null
awsx elasticache create-replication-group \
    --replication-group-id hydrous-hardened-redis \
    --replication-group-description "Hardened Redis" \
    --engine redis --engine-version 7.1 \
    --cache-node-type cache.t4g.micro \
    --num-cache-clusters 1 \
    --cache-subnet-group-name hydrous-hardened-cache-subnets \
    --security-group-ids "$cache_sg" \
    --transit-encryption-enabled --at-rest-encryption-enabled \
    --auth-token="$redis_token" \
    --snapshot-retention-limit 7 \
    --port 6379 \
    --tags "$tag_kv" >/dev/null
cache_endpoint="$(q elasticache describe-replication-groups --replication-group-id hydrous-hardened-redis \
    --query 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Address')"

step "ecr: immutable tags, lifecycle policy, pinned image"
repository_uri="$(q ecr create-repository --repository-name hydrous-hardened-backend \
    --image-tag-mutability IMMUTABLE --image-scanning-configuration scanOnPush=true \
    --tags "$tag_kv" --query repository.repositoryUri)"
awsx ecr put-lifecycle-policy --repository-name hydrous-hardened-backend --lifecycle-policy-text \
    '{"rules":[{"rulePriority":1,"description":"keep the last 10 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}' >/dev/null
cat >"$tmp/manifest.json" <<'JSON'
{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":5120,"digest":"sha256:0b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc"},
 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":28000,"digest":"sha256:1692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"}]}
JSON
awsx ecr put-image --repository-name hydrous-hardened-backend --image-tag 1.4.2 --image-manifest "file://$tmp/manifest.json" >/dev/null
image="$repository_uri:1.4.2"

step "logs: retention 30 days"
awsx logs create-log-group --log-group-name /ecs/hydrous-hardened --tags Project=HydrousHardened
awsx logs put-retention-policy --log-group-name /ecs/hydrous-hardened --retention-in-days 30

step "iam: execution role, separate task role"
exec_role_arn="$(q iam create-role --role-name hydrousHardenedExecutionRole --assume-role-policy-document "$trust" --tags "$tag_kv" --query Role.Arn)"
awsx iam attach-role-policy --role-name hydrousHardenedExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
awsx iam put-role-policy --role-name hydrousHardenedExecutionRole --policy-name read-hydrous-secrets --policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\",\"ssm:GetParameters\"],\"Resource\":[\"$jwt_secret_arn\",\"$db_secret_arn\",\"$redis_param_arn\"]}]}"
task_role_arn="$(q iam create-role --role-name hydrousHardenedTaskRole --assume-role-policy-document "$trust" --tags "$tag_kv" --query Role.Arn)"

step "ecs: cluster with Container Insights"
cluster_arn="$(q ecs create-cluster --cluster-name hydrous-hardened-cluster \
    --settings name=containerInsights,value=enabled --tags "$tag_ecs" --query cluster.clusterArn)"

step "alb: HTTPS with ACM, HTTP->HTTPS redirect, deletion protection, access logs, drop invalid headers"
cert_arn="$(q acm request-certificate --domain-name api.hydrous.example --validation-method DNS --query CertificateArn)"
awsx s3api create-bucket --bucket hydrous-hardened-alb-logs >/dev/null
read -r lb_arn lb_dns < <(q elbv2 create-load-balancer --name hydrous-hardened-alb \
    --subnets "$subnet_a" "$subnet_b" --security-groups "$alb_sg" --tags "$tag_kv" \
    --query 'LoadBalancers[0].[LoadBalancerArn,DNSName]')
awsx elbv2 modify-load-balancer-attributes --load-balancer-arn "$lb_arn" --attributes \
    Key=deletion_protection.enabled,Value=true \
    Key=access_logs.s3.enabled,Value=true \
    Key=access_logs.s3.bucket,Value=hydrous-hardened-alb-logs \
    Key=routing.http.drop_invalid_header_fields.enabled,Value=true >/dev/null
tg_arn="$(q elbv2 create-target-group --name hydrous-hardened-tg --protocol HTTP --port 8000 --vpc-id "$vpc" \
    --target-type ip --health-check-path /api/health --tags "$tag_kv" --query 'TargetGroups[0].TargetGroupArn')"
https_arn="$(q elbv2 create-listener --load-balancer-arn "$lb_arn" --protocol HTTPS --port 443 \
    --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 --certificates "CertificateArn=$cert_arn" \
    --default-actions "Type=forward,TargetGroupArn=$tg_arn" --tags "$tag_kv" --query 'Listeners[0].ListenerArn')"
http_arn="$(q elbv2 create-listener --load-balancer-arn "$lb_arn" --protocol HTTP --port 80 \
    --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}' \
    --tags "$tag_kv" --query 'Listeners[0].ListenerArn')"

step "task definition: ARM64, read-only root, secrets, decoys"
cat >"$tmp/task.json" <<JSON
{
  "family": "hydrous-hardened-task",
  "networkMode": "awsvpc",
  "executionRoleArn": "$exec_role_arn",
  "taskRoleArn": "$task_role_arn",
  "requiresCompatibilities": ["FARGATE"],
  "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [{
    "name": "hydrous-backend",
    "image": "$image",
    "essential": true,
    "readonlyRootFilesystem": true,
    "portMappings": [{"containerPort": 8000, "hostPort": 8000, "protocol": "tcp"}],
    "environment": [
      {"name": "DEBUG", "value": "False"},
      {"name": "POSTGRES_USER", "value": "hydrous"},
      {"name": "POSTGRES_SERVER", "value": "$db_endpoint"},
      {"name": "POSTGRES_PORT", "value": "5432"},
      {"name": "POSTGRES_DB", "value": "hydrous_db"},
      {"name": "REDIS_URL", "value": "rediss://$cache_endpoint:6379/0"},
      {"name": "MODEL", "value": "gpt-4o-mini"},
      {"name": "MIN_PASSWORD_LENGTH", "value": "10"},
      {"name": "SESSION_SECRET_FILE", "value": "/run/secrets/session"},
      {"name": "API_TOKEN_ARN", "value": "arn:aws:secretsmanager:us-east-1:882816896907:secret:api-token-AbCdEf"},
      {"name": "MYSQL_ALLOW_EMPTY_PASSWORD", "value": "yes"},
      {"name": "AUTH_ENABLED", "value": "true"},
      {"name": "GIT_SHA", "value": "3f786850e387550fdab836ed7e6dc881de23001b"}
    ],
    "secrets": [
      {"name": "POSTGRES_PASSWORD", "valueFrom": "$db_secret_arn:password::"},
      {"name": "JWT_SECRET_KEY", "valueFrom": "$jwt_secret_arn"},
      {"name": "REDIS_AUTH_TOKEN", "valueFrom": "$redis_param_arn"}
    ],
    "logConfiguration": {"logDriver": "awslogs", "options": {
      "awslogs-group": "/ecs/hydrous-hardened", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}},
    "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8000/api/health || exit 1"],
      "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60}
  }],
  "tags": [{"key": "Project", "value": "HydrousHardened"}]
}
JSON
taskdef_arn="$(q ecs register-task-definition --cli-input-json "file://$tmp/task.json" --query taskDefinition.taskDefinitionArn)"

step "ecs service: 2 tasks, private, behind the HTTPS listener"
service_arn="$(q ecs create-service --cluster hydrous-hardened-cluster --service-name hydrous-hardened-service \
    --task-definition hydrous-hardened-task:1 --desired-count 2 --launch-type FARGATE --platform-version LATEST \
    --network-configuration "awsvpcConfiguration={subnets=[$subnet_a,$subnet_b],securityGroups=[$app_sg],assignPublicIp=DISABLED}" \
    --load-balancers "targetGroupArn=$tg_arn,containerName=hydrous-backend,containerPort=8000" \
    --tags "$tag_ecs" --query service.serviceArn)"

cat <<OUT
ACCOUNT=$account
VPC_ID=$vpc
SUBNET_A=$subnet_a
SUBNET_B=$subnet_b
ALB_SG=$alb_sg
APP_SG=$app_sg
DB_SG=$db_sg
CACHE_SG=$cache_sg
DB_ID=hydrous-hardened-db
DB_ENDPOINT=$db_endpoint
DB_SECRET_ARN=$db_secret_arn
JWT_SECRET_ARN=$jwt_secret_arn
REDIS_PARAMETER_ARN=$redis_param_arn
CACHE_REPLICATION_GROUP=hydrous-hardened-redis
CACHE_ENDPOINT=$cache_endpoint
REPOSITORY_URI=$repository_uri
IMAGE=$image
LOG_GROUP=/ecs/hydrous-hardened
EXECUTION_ROLE_ARN=$exec_role_arn
TASK_ROLE_ARN=$task_role_arn
CLUSTER_ARN=$cluster_arn
CERTIFICATE_ARN=$cert_arn
LB_ARN=$lb_arn
LB_DNS=$lb_dns
TG_ARN=$tg_arn
HTTPS_LISTENER_ARN=$https_arn
HTTP_LISTENER_ARN=$http_arn
TASK_DEFINITION_ARN=$taskdef_arn
SERVICE_ARN=$service_arn
OUT
