#!/usr/bin/env python3
"""Start moto_server with the fidelity fixes hydrous-audit's tests rely on.

moto 5.2 stores but does not return some ElastiCache facts that real AWS
returns. Before the server starts, this wrapper adds them to
``moto.elasticache.models.CacheCluster`` (read-only properties, picked up by
moto's response serializer through the attribute names it derives from the
botocore model):

* ``SecurityGroups`` (``[{SecurityGroupId, Status}]``) from the ids given to
  ``CreateCacheCluster --security-group-ids``;
* ``CacheNodes`` with an endpoint per node (``ShowCacheNodeInfo=true``), so a
  client can learn the real address;
* ``AtRestEncryptionEnabled`` (false unless set).

It lets ``RunTask`` start a Fargate task whose memory is set only at task
level (moto 5.2 adds up container-level memory and fails on ``None``; AWS
accepts task-level memory alone, as the guide's task definition does).

A Fargate task's network interface gets a public IPv4 address when the task
asks for one (``assignPublicIp=ENABLED``), as on AWS, and ENIs outside
DNS-hostname VPCs no longer break ``RunTask`` (missing ``private_dns_name``).

ECS task definitions follow AWS where a revision was deregistered:
``DescribeTaskDefinition`` given a bare family answers the newest *ACTIVE*
revision (``ClientException`` when none is left; moto 5.2 answers the newest
revision whatever its status), and ``ListTaskDefinitionFamilies --status``
keeps the families with (``ACTIVE``) or without (``INACTIVE``) an ACTIVE
revision (moto 5.2 ignores the status).

ECS tasks stay in the state they were started in, as a service's tasks do on
AWS. moto 5.2 moves a task one step towards STOPPED each time
``DescribeTasks`` names it, so two identical audits read different
``lastStatus`` values and tests depended on how many described the tasks before.

It also makes ``CreateReplicationGroup`` register its member clusters as cache
clusters (real AWS lists them in ``DescribeCacheClusters``), carrying the
group's encryption, AUTH, snapshot retention, security groups and tags.

Usage: python3 moto_patch.py -H 127.0.0.1 -p PORT   (same flags as moto_server)
"""

import sys

from moto.elasticache import models as ec_models
from moto.moto_api import state_manager


def _security_groups(self):
    return [{"SecurityGroupId": sg, "Status": "active"} for sg in (self.security_group_ids or [])]


def _cache_nodes(self):
    count = getattr(self, "num_cache_nodes", None) or 1
    domain = f"{self.cache_cluster_id}.abc123"
    nodes = []
    for index in range(1, count + 1):
        node_id = f"{index:0>4}"
        address = getattr(self, "_hydrous_address", None) or f"{domain}.{node_id}.use1.cache.amazonaws.com"
        nodes.append({
            "CacheNodeId": node_id,
            "CacheNodeStatus": "available",
            "CacheNodeCreateTime": self.cache_cluster_create_time,
            "Endpoint": {"Address": address, "Port": self.port},
            "ParameterGroupStatus": "in-sync",
            "CustomerAvailabilityZone": self.preferred_availability_zone or "us-east-1a",
        })
    return nodes


def _at_rest(self):
    return bool(getattr(self, "_hydrous_at_rest", False))


ec_models.CacheCluster.security_groups = property(_security_groups)
ec_models.CacheCluster.cache_nodes = property(_cache_nodes)
ec_models.CacheCluster.at_rest_encryption_enabled = property(_at_rest)

_original_create_replication_group = ec_models.ElastiCacheBackend.create_replication_group


def _create_replication_group(self, *args, **kwargs):
    group = _original_create_replication_group(self, *args, **kwargs)
    addresses = {
        node["cache_cluster_id"]: node.get("read_endpoint", {}).get("address")
        for node_group in group.node_groups
        for node in node_group.get("node_group_members", [])
    }
    for member in group.member_clusters:
        if member in self.cache_clusters:
            continue
        cluster = ec_models.CacheCluster(
            account_id=self.account_id,
            region_name=self.region_name,
            cache_cluster_id=member,
            cache_node_type=group.cache_node_type,
            replication_group_id=group.replication_group_id,
            az_mode=None,
            preferred_availability_zone=None,
            num_cache_nodes=1,
            engine=group.engine,
            engine_version=group.engine_version,
            cache_parameter_group_name=group.cache_parameter_group_name,
            cache_subnet_group_name=group.cache_subnet_group_name,
            transit_encryption_enabled=group.transit_encryption_enabled,
            network_type=None,
            ip_discovery=None,
            snapshot_name=None,
            preferred_maintenance_window=None,
            port=group.port,
            notification_topic_arn=None,
            auto_minor_version_upgrade=None,
            snapshot_retention_limit=group.snapshot_retention_limit,
            snapshot_window=None,
            auth_token="x" if group.auth_token_enabled else None,
            outpost_mode=None,
            preferred_outpost_arn=None,
            preferred_availability_zones=None,
            cache_security_group_names=None,
            security_group_ids=group.security_group_ids,
            tags=group.tags,
            snapshot_arns=None,
            preferred_outpost_arns=None,
            log_delivery_configurations=[],
            cache_node_ids_to_remove=None,
            cache_node_ids_to_reboot=None,
        )
        cluster.replication_group_id = group.replication_group_id
        cluster.auth_token = None  # never keep even the placeholder around
        cluster._hydrous_at_rest = group.at_rest_encryption_enabled
        cluster._hydrous_address = addresses.get(member)
        self.cache_clusters[member] = cluster
        if group.tags:
            self.tagging_service.tag_resource(cluster.arn, group.tags)
    return group


ec_models.ElastiCacheBackend.create_replication_group = _create_replication_group


from moto.ecs import models as ecs_models

_original_requirements = ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements


def _task_resource_requirements(task_definition):
    patched = []
    for container in task_definition.container_definitions:
        if all(container.get(key) is None for key in ("memory", "memoryReservation", "Memory", "MemoryReservation")):
            container = dict(container, memory=0)
        patched.append(container)
    original = task_definition.container_definitions
    task_definition.container_definitions = patched
    try:
        return _original_requirements(task_definition)
    finally:
        task_definition.container_definitions = original


ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(_task_resource_requirements)

_original_describe_task_definition = ecs_models.EC2ContainerServiceBackend.describe_task_definition


def _describe_task_definition(self, task_definition_str):
    name = task_definition_str.split("/")[-1]
    if ":" in name:
        return _original_describe_task_definition(self, task_definition_str)
    revisions = self.task_definitions.get(name, {})
    active = [revision for revision, definition in revisions.items() if definition.status == "ACTIVE"]
    if not active:
        from moto.ecs.exceptions import TaskDefinitionNotFoundException
        raise TaskDefinitionNotFoundException()
    return revisions[max(active)]


ecs_models.EC2ContainerServiceBackend.describe_task_definition = _describe_task_definition

from moto.core.responses import ActionResult
from moto.ecs import responses as ecs_responses


def _list_task_definition_families(self):
    families = list(self.ecs_backend.list_task_definition_families(self._get_param("familyPrefix")))
    status = self._get_param("status")
    if status in ("ACTIVE", "INACTIVE"):
        def has_active(family):
            return any(d.status == "ACTIVE" for d in self.ecs_backend.task_definitions.get(family, {}).values())
        families = [family for family in families if has_active(family) == (status == "ACTIVE")]
    return ActionResult({"families": families})


ecs_responses.EC2ContainerServiceResponse.list_task_definition_families = _list_task_definition_families


from moto.ec2.models import ec2_backends
from moto.ec2.models import elastic_network_interfaces as eni_models
from moto.ec2.utils import random_public_ip

eni_models.NetworkInterface.private_dns_name = None

_original_task_init = ecs_models.Task.__init__


def _task_init(self, *args, **kwargs):
    _original_task_init(self, *args, **kwargs)
    config = (getattr(self, "network_configuration", None) or {}).get("awsvpcConfiguration", {})
    if config.get("assignPublicIp") != "ENABLED":
        return
    backend = ec2_backends[self._account_id][self.region_name]
    for attachment in getattr(self, "attachments", []):
        for detail in attachment.get("details", []):
            if detail.get("name") == "networkInterfaceId":
                backend.get_network_interface(detail["value"]).public_ip = random_public_ip()


ecs_models.Task.__init__ = _task_init

# "manual" progression advances after `times` describes: never, in practice.
state_manager.set_transition("ecs::task", {"progression": "manual", "times": sys.maxsize})


def main() -> None:
    from moto.server import main as moto_main

    moto_main(sys.argv[1:])


if __name__ == "__main__":
    main()
