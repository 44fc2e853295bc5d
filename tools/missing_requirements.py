"""Print the requirements of a pip requirements file that are not satisfied here.

    python3 tools/missing_requirements.py requirements-test.txt [--only PREFIX]

Prints one requirement per line, as written in the file, for each one that is not
installed or whose installed version does not match; prints nothing when all are
met. Reads the installed distributions only (no network), so that `make test` and
`make run` can install what is missing, and nothing on a second run. A local path
(``./client``) is met when the distribution its pyproject.toml declares is
installed from that very path (an editable install of another checkout is not).
"""

import argparse
import json
import re
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

import tomllib
from packaging.requirements import InvalidRequirement, Requirement


def _local_name(path):
    pyproject = Path(path) / "pyproject.toml"
    if not pyproject.is_file():
        return None
    return tomllib.loads(pyproject.read_text())["project"]["name"]


def _is_met(line, base):
    target = re.sub(r"^-e\s+", "", line)
    if target.startswith((".", "/")):
        path = (base / target).resolve()
        name = _local_name(path)
        return name is None or _installed_from(name) == path
    try:
        requirement = Requirement(target)
    except InvalidRequirement:
        return False
    if requirement.marker and not requirement.marker.evaluate():
        return True
    version = _installed_version(requirement.name)
    if version is None:
        return False
    return requirement.specifier.contains(version, prereleases=True)


def _installed_from(name):
    """The local folder a distribution was installed from, if any."""
    try:
        direct_url = metadata.distribution(name).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    url = json.loads(direct_url or "{}").get("url", "")
    return (
        Path(unquote(urlparse(url).path)).resolve() if url.startswith("file:") else None
    )


def _installed_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("requirements")
    parser.add_argument("--only", help="consider only the lines starting with this")
    args = parser.parse_args()
    path = Path(args.requirements)
    missing = []
    for raw in path.read_text().splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if args.only and not line.startswith(args.only):
            continue
        if not _is_met(line, path.parent):
            missing.append(line)
    print("\n".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
