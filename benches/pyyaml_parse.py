#!/usr/bin/env python3
"""Baseline for `cargo bench --bench check`: parse every *.yaml file below a
folder with PyYAML's C loader (libyaml), in one process, as a user would.

    python3 benches/pyyaml_parse.py DIR

Walks DIR (hidden folders skipped, as carebook skips them), parses each file
with yaml.load(f, Loader=yaml.CSafeLoader), and prints one line:
`parsed N files, M failed, in S s` (a file that is not valid YAML or not
UTF-8 counts as failed, and the walk goes on, as carebook does).

Exit status 3 when PyYAML is missing or was built without libyaml (no
yaml.CSafeLoader): the pure-Python loader is some ten times slower and would
make the comparison meaningless, so this fails loudly instead.
"""

import os
import sys
import time

try:
    import yaml
except ImportError:
    sys.stderr.write("PyYAML is not installed (pip install pyyaml)\n")
    sys.exit(3)

if not getattr(yaml, "__with_libyaml__", False) or not hasattr(yaml, "CSafeLoader"):
    sys.stderr.write(
        "PyYAML has no yaml.CSafeLoader: it was built without libyaml "
        "(install libyaml, then pip install --force-reinstall --no-binary pyyaml pyyaml)\n"
    )
    sys.exit(3)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: pyyaml_parse.py DIR\n")
        return 2
    root = sys.argv[1]
    started = time.perf_counter()
    parsed = failed = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".yaml") or name.startswith("."):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                try:
                    yaml.load(f, Loader=yaml.CSafeLoader)
                    parsed += 1
                except (yaml.YAMLError, ValueError):
                    failed += 1
    elapsed = time.perf_counter() - started
    print(f"parsed {parsed} files, {failed} failed, in {elapsed:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
