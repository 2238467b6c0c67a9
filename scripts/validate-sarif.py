#!/usr/bin/env python3
"""Validate a SARIF file against the SARIF 2.1.0 JSON schema.

Usage: scripts/validate-sarif.py [--schema SCHEMA.json] FILE.sarif

The schema defaults to $SARIF_SCHEMA, else ../shared/schemas/sarif-schema-2.1.0.json
relative to the package root (this script's parent folder), else schemas/ inside it.

Exit codes: 0 valid, 1 invalid (each error printed with its JSON path),
2 usage error, missing file, or missing dependency (python3 -m pip install jsonschema).
"""
import argparse
import json
import os
import sys


def default_schema():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates = [
        os.environ.get("SARIF_SCHEMA", ""),
        os.path.join(root, "..", "shared", "schemas", "sarif-schema-2.1.0.json"),
        os.path.join(root, "schemas", "sarif-schema-2.1.0.json"),
    ]
    for path in candidates:
        if path and os.path.isfile(path):
            return path
    return None


def load_json(path, what):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        print(f"{path}: cannot read the {what}: {error.strerror}", file=sys.stderr)
    except json.JSONDecodeError as error:
        print(f"{path}:{error.lineno}:{error.colno}: the {what} is not valid JSON: {error.msg}", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description="Validate a SARIF 2.1.0 file against its JSON schema.")
    parser.add_argument("file", help="the SARIF file to check")
    parser.add_argument("--schema", help="the SARIF 2.1.0 JSON schema (default: see --help)")
    args = parser.parse_args()

    try:
        import jsonschema
    except ImportError:
        print("python module jsonschema is missing: run `python3 -m pip install jsonschema`", file=sys.stderr)
        return 2

    schema_path = args.schema or default_schema()
    if schema_path is None:
        print("SARIF schema not found: pass --schema FILE or set SARIF_SCHEMA", file=sys.stderr)
        return 2
    schema = load_json(schema_path, "schema")
    document = load_json(args.file, "SARIF file")

    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path) or "(top level)"
        print(f"{args.file}: {path}: {error.message}", file=sys.stderr)
    if errors:
        print(f"{args.file}: {len(errors)} schema error(s)", file=sys.stderr)
        return 1
    print(f"{args.file}: valid SARIF 2.1.0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
