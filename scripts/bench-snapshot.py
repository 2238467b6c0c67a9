#!/usr/bin/env python3
"""Write a large snapshot for the benchmark: the guide's snapshot with its
service and task definition cloned N times (distinct names and ARNs), every
longer environment value made distinct per clone (passwords, keys, URLs'
passwords, names), so nothing the tool might cache per value repeats.

    scripts/bench-snapshot.py [--services 1000] [--input examples/guide/snapshot.json] OUTPUT
"""

import argparse
import copy
import json
import re


def distinct(value, index):
    """`value` made unique to clone `index`, keeping its shape (and so its findings):
    a URL's password gets the index appended; a host name (a dot) or a short value
    (a flag, a port) stays as it is; anything else gets the index appended."""
    if not isinstance(value, str):
        return value
    url = re.match(r"^([a-z]+://[^:/@]*:)([^@]+)(@.*)$", value)
    if url:
        return f"{url.group(1)}{url.group(2)}{index:04d}{url.group(3)}"
    if "." in value or len(value) < 6:
        return value
    return f"{value}{index:04d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--input", default="examples/guide/snapshot.json")
    args = parser.parse_args()
    with open(args.input, encoding="utf-8") as handle:
        snapshot = json.load(handle)
    service, definition = snapshot["services"][0], snapshot["taskDefinitions"][0]
    family = definition["family"]
    services, definitions = [], []
    for index in range(args.services):
        name = f"{family}-{index:04d}"
        clone = copy.deepcopy(definition)
        clone["family"] = name
        clone["arn"] = definition["arn"].replace(f"/{family}:", f"/{name}:")
        for container in clone.get("containers", []):
            for entry in container.get("environment", []):
                entry["value"] = distinct(entry.get("value"), index)
        definitions.append(clone)
        svc = copy.deepcopy(service)
        svc["name"] = f"{service['name']}-{index:04d}"
        svc["arn"] = f"{service['arn']}-{index:04d}"
        svc["taskDefinition"] = clone["arn"]
        services.append(svc)
    snapshot["services"], snapshot["taskDefinitions"] = services, definitions
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(snapshot, handle, indent=1, sort_keys=True)
    print(f"{args.output}: {len(services)} services, {len(definitions)} task definitions")


if __name__ == "__main__":
    main()
