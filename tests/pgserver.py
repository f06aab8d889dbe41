"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, listen on loopback only."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2


def find_postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or where Debian puts them."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_password_needed(url: str) -> None:
    """pg_reload_conf() only signals the server: wait until it asks this login for its password."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            psycopg2.connect(url, password="", connect_timeout=5).close()
        except psycopg2.OperationalError as exc:
            if "password" in str(exc):
                return
            raise
        time.sleep(0.02)
    raise RuntimeError("the server did not load its new pg_hba.conf")


@dataclass
class PostgresServer:
    base_url: str  # postgresql://user@host:port
    datadir: Path | None = None
    bindir: Path | None = None
    _run_as: list[str] = field(default_factory=list)
    keep: bool = False  # stop() leaves the data folder in place
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def external(cls, url: str) -> PostgresServer:
        return cls(base_url=url.rstrip("/"))

    @classmethod
    def start(cls, bindir: Path, datadir: Path | None = None) -> PostgresServer:
        """A server in a temporary folder (removed by ``stop``); with ``datadir``, one that keeps its
        data there: initdb makes the folder when it does not exist, else the server starts on it
        again, and ``stop`` leaves it (the benchmarks' generated team server)."""
        run_as: list[str] = []
        keep = datadir is not None
        if datadir is None:
            # Its own folder: pytest's temporary folders are private to root, and the server may
            # run as the postgres user.
            workdir = Path(tempfile.mkdtemp(prefix="ledger-pg-"))
            datadir = workdir / "data"
        else:
            workdir = datadir.parent
            workdir.mkdir(parents=True, exist_ok=True)
        fresh = not (datadir / "PG_VERSION").exists()
        if os.geteuid() == 0:
            # initdb refuses to run as root: hand the folder to the postgres user and run as it.
            user = pwd.getpwnam("postgres")
            os.chmod(workdir, 0o755)
            datadir.mkdir(exist_ok=True)
            os.chown(datadir, user.pw_uid, user.pw_gid)
            run_as = ["runuser", "-u", "postgres", "--"]
        port = _free_port()
        if fresh:
            subprocess.run(
                [
                    *run_as,
                    str(bindir / "initdb"),
                    "-D",
                    str(datadir),
                    "-A",
                    "trust",
                    "-U",
                    "ledger",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ],
                check=True,
                capture_output=True,
            )
        options = (
            f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
        )
        subprocess.run(
            [
                *run_as,
                str(bindir / "pg_ctl"),
                "-D",
                str(datadir),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "-l",
                str(datadir / "server.log"),
                "start",
            ],
            check=True,
            capture_output=True,
        )
        return cls(f"postgresql://ledger@127.0.0.1:{port}", datadir, bindir, run_as, keep=keep)

    def new_database(self, name: str | None = None) -> str:
        """Create an empty database (named ``name``, else a new name) and return its URL."""
        name = name or f"t{os.getpid()}_{next(self._counter)}"
        conn = psycopg2.connect(f"{self.base_url}/postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        return f"{self.base_url}/{name}"

    def password_login(self, role: str, password: str) -> str:
        """A login that must give its password (scram-sha-256) and owns a new, empty database; the
        database's URL, without the password. Only on a server the tests started themselves."""
        if self.datadir is None:
            raise RuntimeError("password logins need the tests' own server")
        name = f"{role}_{os.getpid()}_{next(self._counter)}"
        conn = psycopg2.connect(f"{self.base_url}/postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
                if cur.fetchone() is None:
                    cur.execute(f'CREATE ROLE "{role}" LOGIN')
                cur.execute(f'ALTER ROLE "{role}" PASSWORD %s', (password,))
                cur.execute(f'CREATE DATABASE "{name}" OWNER "{role}"')
                hba = self.datadir / "pg_hba.conf"
                line = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
                text = hba.read_text()
                if line not in text:
                    hba.write_text(line + text)  # the first line that matches decides
                    cur.execute("SELECT pg_reload_conf()")
        finally:
            conn.close()
        host = self.base_url.rsplit("@", 1)[1]
        url = f"postgresql://{role}@{host}/{name}"
        _wait_until_password_needed(url)
        return url

    def stop(self) -> None:
        if self.datadir is None or self.bindir is None:
            return
        subprocess.run(
            [
                *self._run_as,
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.datadir),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            check=False,
            capture_output=True,
        )
        if not self.keep:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)
