#!/usr/bin/env python3
"""Compare the API calls a live read made (fault-proxy stats) with the fewest
the batch and page limits allow for what it found (the snapshot it wrote).

    scripts/bench-calls.py STATS.json SNAPSHOT.json

Per service, the minimum is the sum of these terms (c(n, k) = ceil(n / k),
at least 1 for a list call that must be made once to learn it is empty):

  sts   GetCallerIdentity 1
  ecs   ListClusters c(C,100) + DescribeClusters c(C,100)
        + for each cluster: ListServices c(S,100) + DescribeServices ceil(S/10)
          + ListTasks c(T,100) + DescribeTasks ceil(T/100)
        + ListTaskDefinitionFamilies c(F,100) (F = families with an ACTIVE revision)
        + DescribeTaskDefinition R (one revision a call: every revision read)
  elb   DescribeLoadBalancers c(L,400) + DescribeTargetGroups c(G,400) + L x DescribeListeners
        + L x DescribeLoadBalancerAttributes + DescribeTags ceil((L + listeners + G)/20)
        + for each HTTP listener: DescribeRules c(rules + 1, 400) (its default rule is
          answered too; AWS allows 100 rules a listener, so one call each)
  ec2   5 Describe* lists c(n,1000) each + DescribeNetworkInterfaces ceil(ENIs/100)
  rds   DescribeDBInstances c(D,100)
  elasticache  DescribeCacheClusters c(K,100) + DescribeReplicationGroups 1 + K x ListTagsForResource
  ecr   DescribeRepositories c(P,1000) + P x (GetLifecyclePolicy + DescribeImages + ListTagsForResource)
  logs  DescribeLogGroups c(LG,50)
  iam   3 per role (GetRole, ListAttachedRolePolicies, ListRolePolicies)
        + GetRolePolicy once per inline policy of each role read

Why that ECS term is the floor for a whole-account read: DescribeTaskDefinition
takes one revision a call, so R calls are unavoidable; given a bare family it
answers the newest ACTIVE revision, so finding that revision needs no list
call of its own; families used by no service can only be learnt from a list,
and ListTaskDefinitionFamilies (100 a page) never needs more pages than an
unfiltered ListTaskDefinitions (100 revisions a page, every ACTIVE revision of
every family). (A --cluster read lists no families at all.)
"""

import json
import math
import sys


def c(n, k):
    return max(1, math.ceil(n / k))


def main():
    stats = json.load(open(sys.argv[1], encoding="utf-8"))
    snap = json.load(open(sys.argv[2], encoding="utf-8"))
    by_service = stats.get("byService", {})
    clusters = snap.get("clusters", [])
    services = snap.get("services", [])
    tasks = snap.get("tasks", [])
    definitions = snap.get("taskDefinitions", [])
    families = {d.get("family") for d in definitions}
    active_families = {d.get("family") for d in definitions if d.get("status", "ACTIVE") == "ACTIVE"}
    per_cluster = {}
    for s in services:
        per_cluster.setdefault(s.get("clusterArn"), [0, 0])[0] += 1
    for t in tasks:
        per_cluster.setdefault(t.get("clusterArn"), [0, 0])[1] += 1
    ecs = c(len(clusters), 100) * 2 + c(len(active_families), 100) + len(definitions)
    for cluster in clusters:
        s_count, t_count = per_cluster.get(cluster.get("arn"), [0, 0])
        ecs += c(s_count, 100) + math.ceil(s_count / 10) + c(t_count, 100) + math.ceil(t_count / 100)
    lbs, listeners, groups = snap.get("loadBalancers", []), snap.get("listeners", []), snap.get("targetGroups", [])
    elb = c(len(lbs), 400) + c(len(groups), 400) + 2 * len(lbs) + math.ceil((len(lbs) + len(listeners) + len(groups)) / 20)
    elb += sum(c(len(li.get("rules", [])) + 1, 400) for li in listeners if (li.get("protocol") or "").upper() == "HTTP")
    enis = {t.get("networkInterfaceId") for t in tasks if t.get("networkInterfaceId")}
    ec2 = 5 + math.ceil(len(enis) / 100)
    caches = snap.get("cacheClusters", [])
    repositories = snap.get("repositories", [])
    minimum = {
        "sts": 1, "ecs": ecs, "elasticloadbalancing": elb, "ec2": ec2,
        "rds": c(len(snap.get("dbInstances", [])), 100),
        "elasticache": c(len(caches), 100) + 1 + len(caches),
        "ecr": c(len(repositories), 1000) + 3 * len(repositories),
        "logs": c(len(snap.get("logGroups", [])), 50),
        "iam": sum(3 + len(r.get("inlinePolicyNames", [])) for r in snap.get("roles", [])),
    }
    print(f"found: {len(clusters)} clusters, {len(services)} services, {len(families)} families, "
          f"{len(definitions)} task definitions, {len(lbs)} load balancers, {len(listeners)} listeners, "
          f"{len(groups)} target groups, {len(snap.get('logGroups', []))} log groups")
    print(f"{'service':<22}{'made':>7}{'minimum':>9}{'over':>8}")
    worst = 0.0
    for service in sorted(set(minimum) | set(by_service)):
        made, least = by_service.get(service, 0), minimum.get(service, 0)
        over = (made - least) / least * 100 if least else 0.0
        worst = max(worst, over)
        print(f"{service:<22}{made:>7}{least:>9}{over:>7.1f}%")
    total_made, total_min = sum(by_service.values()), sum(minimum.values())
    print(f"{'total':<22}{total_made:>7}{total_min:>9}{(total_made - total_min) / total_min * 100:>7.1f}%")
    print(f"worst service over its minimum: {worst:.1f}% (target: within 10%)")


if __name__ == "__main__":
    main()
