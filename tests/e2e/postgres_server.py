"""A throwaway PostgreSQL server on 127.0.0.1, from Debian's `postgresql` binaries, in a temp directory.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user the Debian
package creates, in a directory of theirs under the system temp dir (pytest's are private to root).
Stopped (fast) and removed when the context exits.
"""

import getpass
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "dagster-test"


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    password: str
    database: str


def postgres_bin() -> Path | None:
    """The newest installed server's bin directory, or None when the package is not installed."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def why_postgres_cannot_run() -> str | None:
    """A reason to skip, or None when a server can be started here."""
    if postgres_bin() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser, and PostgreSQL refuses to run as root"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    binaries = postgres_bin()
    assert binaries is not None, why_postgres_cannot_run()
    as_root = os.geteuid() == 0
    owner = "postgres" if as_root else getpass.getuser()
    prefix = ["runuser", "-u", owner, "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="wa-crm-postgres-"))
    data = folder / "pgdata"
    (folder / "pwfile").write_text(PASSWORD + "\n", encoding="utf-8")
    if as_root:
        shutil.chown(folder, owner)
        shutil.chown(folder / "pwfile", owner)
    port = free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, cwd=folder)

    run(str(binaries / "initdb"), "-D", str(data), "-U", owner, "--pwfile", str(folder / "pwfile"), "-A", "md5")
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder}"
    run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "server.log"), "start")
    try:
        yield PostgresServer("127.0.0.1", port, owner, PASSWORD, "postgres")
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
