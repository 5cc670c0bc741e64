"""The asset graph as the UI shows it: its connected pieces (from GraphQL) and a headless Chromium screenshot.

Chromium is Debian's `chromium` package (.ci/run installs it), started headless with a fresh
profile and everything that would reach the network off, so the screenshot is of this deployment
and nothing else. `--virtual-time-budget` lets the page's own GraphQL calls finish and the graph
lay itself out before the picture is taken.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.e2e.dagster_ui import Deployment

ASSET_GRAPH_PAGE = "/asset-groups"
ASSET_EDGES = "{ assetNodes { assetKey { path } dependencyKeys { path } } }"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--window-size=1920,1080",
    "--virtual-time-budget=60000",
)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def asset_graph_components(deployment: Deployment) -> list[set[str]]:
    """The asset graph's connected pieces, edges taken both ways: one piece means one lineage."""
    nodes = deployment.graphql(ASSET_EDGES)["assetNodes"]
    neighbours: dict[str, set[str]] = {}
    for node in nodes:
        key = "/".join(node["assetKey"]["path"])
        neighbours.setdefault(key, set())
        for parent in node["dependencyKeys"]:
            parent_key = "/".join(parent["path"])
            neighbours[key].add(parent_key)
            neighbours.setdefault(parent_key, set()).add(key)
    components: list[set[str]] = []
    unseen = set(neighbours)
    while unseen:
        frontier = [unseen.pop()]
        component = set(frontier)
        while frontier:
            for other in neighbours[frontier.pop()] & unseen:
                unseen.discard(other)
                component.add(other)
                frontier.append(other)
        components.append(component)
    return components


def screenshot_asset_graph(deployment: Deployment, target: Path) -> Path:
    """A PNG of the global asset graph page at `target`."""
    executable = chromium()
    assert executable is not None, "chromium is not installed (apt-get install chromium; .ci/run installs it)"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        subprocess.run(
            [
                executable,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={target}",
                f"{deployment.url}{ASSET_GRAPH_PAGE}",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return target
