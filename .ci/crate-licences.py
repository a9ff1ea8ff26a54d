#!/usr/bin/env python3
"""The crates shipped inside the folio binary, with their licences, from
`cargo metadata --format-version 1` on standard input: every package reachable from folio by
normal dependencies on the release's platform (build and dev dependencies are not shipped).
Writes one line per crate, `name version licence repository`, sorted."""

import json
import sys


def shipped(metadata):
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    root = metadata["resolve"]["root"]
    seen, todo = set(), [root]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for dep in nodes[current]["deps"]:
            # A dependency may be normal for one platform and dev for another; only normal ships.
            if any(kind["kind"] is None for kind in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    seen.discard(root)
    return sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))


def main():
    metadata = json.load(sys.stdin)
    crates = shipped(metadata)
    missing = [p["name"] for p in crates if not p.get("license") and not p.get("license_file")]
    if missing:
        sys.exit(f"crate-licences: no licence named by {', '.join(missing)}; look it up before shipping")
    print("Crates compiled into folio and their licences (SPDX expressions, from each crate's Cargo.toml).")
    print("The licence texts are in each crate's source on crates.io.\n")
    for p in crates:
        licence = p.get("license") or f"see {p['license_file']}"
        print(f"{p['name']} {p['version']}  {licence}  {p.get('repository') or ''}".rstrip())


if __name__ == "__main__":
    main()
