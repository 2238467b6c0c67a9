#!/usr/bin/env python3
"""Create a large synthetic ECS deployment in an AWS emulator (moto) with boto3.

    scripts/scale-deployment.py ENDPOINT_URL [--clusters 1] [--services 120]
        [--log-groups 60] [--load-balancers 30] [--prefix scale]

Creates one VPC with two subnets and a security group, then:

* ``--clusters`` ECS clusters, each with ``--services`` Fargate services
  (``--services`` is per cluster); every service has its own task definition
  family (one revision), so there are as many families as services;
* ``--load-balancers`` internet-facing ALBs, each with a target group and two
  listeners (HTTP 80 forwarding to the group, HTTP 8080 answering a fixed
  response; the first ALB's 8080 listener also has three fixed-response
  rules, so that DescribeRules has pages to turn); the first services of the
  first cluster are bound to the groups;
* ``--log-groups`` CloudWatch log groups (every other one with a retention);
* ``--db-instances`` small PostgreSQL instances (default 0).

Everything carries the tag ``Project=<prefix>``. Prints what it created as
KEY=VALUE lines (CLUSTERS, SERVICES, TASK_DEFINITION_FAMILIES,
LOAD_BALANCERS, LISTENERS, TARGET_GROUPS, LOG_GROUPS, DB_INSTANCES, SECONDS). Credentials
default to the dummy ``testing`` keys; region us-east-1. Exits non-zero at
the first call that fails.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

try:
    import boto3
    from botocore.config import Config
except ImportError:  # pragma: no cover - boto3 ships with the AWS CLI's pip install
    sys.stderr.write("scale-deployment.py: boto3 is missing: python3 -m pip install boto3\n")
    sys.exit(2)


def clients(endpoint):
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    session = boto3.session.Session(region_name="us-east-1")
    config = Config(retries={"max_attempts": 1}, max_pool_connections=16)
    return {name: session.client(name, endpoint_url=endpoint, config=config)
            for name in ("ec2", "ecs", "elbv2", "logs", "rds")}


def network(ec2, prefix):
    vpc = ec2.create_vpc(CidrBlock="10.90.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.90.{i + 1}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        for i, zone in enumerate(("us-east-1a", "us-east-1b"))
    ]
    group = ec2.create_security_group(GroupName=f"{prefix}-sg", Description=f"{prefix} services", VpcId=vpc)["GroupId"]
    return vpc, subnets, group


def load_balancers(elbv2, prefix, count, vpc, subnets, group, tags):
    created = []
    for index in range(count):
        name = f"{prefix}-alb-{index:03d}"
        lb = elbv2.create_load_balancer(
            Name=name, Subnets=subnets, SecurityGroups=[group], Scheme="internet-facing", Type="application",
            Tags=tags)["LoadBalancers"][0]["LoadBalancerArn"]
        tg = elbv2.create_target_group(
            Name=f"{prefix}-tg-{index:03d}", Protocol="HTTP", Port=8000, VpcId=vpc, TargetType="ip",
            HealthCheckPath="/health", Tags=tags)["TargetGroups"][0]["TargetGroupArn"]
        elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}], Tags=tags)
        fixed = elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=8080, DefaultActions=[{
            "Type": "fixed-response",
            "FixedResponseConfig": {"StatusCode": "404", "ContentType": "text/plain", "MessageBody": "none"}}],
            Tags=tags)["Listeners"][0]["ListenerArn"]
        for priority in range(1, 4 if index == 0 else 1):
            elbv2.create_rule(ListenerArn=fixed, Priority=priority, Conditions=[
                {"Field": "path-pattern", "PathPatternConfig": {"Values": [f"/r{priority}/*"]}}], Actions=[{
                    "Type": "fixed-response",
                    "FixedResponseConfig": {"StatusCode": "200", "ContentType": "text/plain", "MessageBody": "ok"}}])
        created.append(tg)
    return created


def task_definition(ecs, family, prefix):
    ecs.register_task_definition(
        family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{
            "name": "app", "image": f"882816896907.dkr.ecr.us-east-1.amazonaws.com/{prefix}:latest",
            "essential": True, "portMappings": [{"containerPort": 8000, "protocol": "tcp"}],
            "environment": [{"name": "LOG_LEVEL", "value": "info"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": f"/ecs/{family}", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}},
        }],
        tags=[{"key": "Project", "value": prefix}])


def service(ecs, cluster, name, family, subnets, group, target_group, prefix):
    arguments = dict(
        cluster=cluster, serviceName=name, taskDefinition=family, desiredCount=1, launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {
            "subnets": subnets, "securityGroups": [group], "assignPublicIp": "DISABLED"}},
        tags=[{"key": "Project", "value": prefix}])
    if target_group:
        arguments["loadBalancers"] = [{"targetGroupArn": target_group, "containerName": "app", "containerPort": 8000}]
    ecs.create_service(**arguments)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("endpoint", help="the emulator's URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--clusters", type=int, default=1)
    parser.add_argument("--services", type=int, default=120, help="services per cluster")
    parser.add_argument("--log-groups", type=int, default=60)
    parser.add_argument("--load-balancers", type=int, default=30)
    parser.add_argument("--db-instances", type=int, default=0)
    parser.add_argument("--prefix", default="scale")
    parser.add_argument("--workers", type=int, default=4, help="calls in flight while creating")
    args = parser.parse_args()

    started = time.monotonic()
    aws = clients(args.endpoint)
    tags = [{"Key": "Project", "Value": args.prefix}]
    vpc, subnets, group = network(aws["ec2"], args.prefix)
    target_groups = load_balancers(aws["elbv2"], args.prefix, args.load_balancers, vpc, subnets, group, tags)

    plan = []  # (cluster name, service name, family, target group or None)
    for c in range(args.clusters):
        cluster = f"{args.prefix}-cluster-{c:02d}"
        aws["ecs"].create_cluster(clusterName=cluster, tags=[{"key": "Project", "value": args.prefix}])
        for s in range(args.services):
            family = f"{args.prefix}-c{c:02d}-s{s:03d}"
            bound = target_groups[s] if c == 0 and s < len(target_groups) else None
            plan.append((cluster, f"{family}-svc", family, bound))

    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        list(pool.map(lambda item: task_definition(aws["ecs"], item[2], args.prefix), plan))
        list(pool.map(lambda item: service(aws["ecs"], item[0], item[1], item[2], subnets, group, item[3], args.prefix),
                      plan))
        list(pool.map(lambda k: aws["logs"].create_log_group(
            logGroupName=f"/ecs/{args.prefix}-logs-{k:03d}", tags={"Project": args.prefix}), range(args.log_groups)))
        list(pool.map(lambda k: aws["logs"].put_retention_policy(
            logGroupName=f"/ecs/{args.prefix}-logs-{k:03d}", retentionInDays=30), range(0, args.log_groups, 2)))
        list(pool.map(lambda k: aws["rds"].create_db_instance(
            DBInstanceIdentifier=f"{args.prefix}-db-{k:03d}", DBInstanceClass="db.t3.micro", Engine="postgres",
            MasterUsername="app", MasterUserPassword="scale-test-only", AllocatedStorage=20,
            VpcSecurityGroupIds=[group], Tags=tags), range(args.db_instances)))

    print(f"VPC_ID={vpc}")
    print(f"CLUSTERS={args.clusters}")
    print(f"SERVICES={len(plan)}")
    print(f"TASK_DEFINITION_FAMILIES={len(plan)}")
    print(f"LOAD_BALANCERS={args.load_balancers}")
    print(f"LISTENERS={2 * args.load_balancers}")
    print(f"TARGET_GROUPS={args.load_balancers}")
    print(f"LOG_GROUPS={args.log_groups}")
    print(f"DB_INSTANCES={args.db_instances}")
    print(f"SECONDS={time.monotonic() - started:.1f}")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - one clear line, then a non-zero exit
        sys.stderr.write(f"scale-deployment.py: {type(error).__name__}: {error}\n")
        sys.exit(1)
