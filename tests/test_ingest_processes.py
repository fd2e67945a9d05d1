"""No orphans: when a real `eventwire ingest --workers 2` is killed with SIGKILL, every process it started
(the forkserver, the resource tracker, the two workers) ends on its own within 5 seconds."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def session_members(sid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live (not zombie) processes of session `sid`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended while we looked
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # state, ppid, pgrp, session, ...
        if fields[0] != "Z" and int(fields[3]) == sid:
            members.append((int(entry.name), cmdline.strip()))
    return members


def wait_for(condition, timeout_s: float, interval_s: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval_s)
    return bool(condition())


def write_corpus(path: Path, n: int) -> Path:
    cities = ["Baghdad", "Mosul", "Kirkuk", "Basra", "Aleppo", "Homs", "Kabul", "Mogadishu"]
    lines = []
    for i in range(n):
        city = cities[i % len(cities)]
        text = (
            f"{city}, 3 March 2021 (Wire) - Gunmen attacked a checkpoint in {city} on Monday, killing {2 + i % 5} "
            f"people, officials said. Report {i} adds that residents fled before calm returned to {city}."
        )
        lines.append(f'{{"id": "p{i:04d}", "text": "{text}", "publication_date": "2021-03-05"}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_workers_forkserver_and_tracker_end_within_5s_of_a_sigkilled_ingest(tmp_path):
    corpus = write_corpus(tmp_path / "docs.jsonl", 400)
    cmd = [sys.executable, "-m", "eventwire.cli", "-v", "ingest", str(corpus), "--db", str(tmp_path / "db.duckdb")]
    env = {**os.environ, "EVENTWIRE_BATCH_SIZE": "2"}
    proc = subprocess.Popen(
        [*cmd, "--quiet", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own session: every process it starts can be found by session id
    )
    sid = proc.pid
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # the pool is running once a batch is committed
            if "committed" in line:
                break
        # the ingest process, the forkserver, the resource tracker and two workers
        assert wait_for(lambda: len(session_members(sid)) >= 5, 60), session_members(sid)
        os.kill(proc.pid, signal.SIGKILL)  # the ingest process only: its children get no signal
        proc.wait()
        killed_at = time.monotonic()
        gone = wait_for(lambda: not session_members(sid), 5.0)
        left = session_members(sid)
        assert gone, f"alive {time.monotonic() - killed_at:.1f} s after the kill: {left}"
    finally:
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(sid, signal.SIGKILL)  # clean up whatever a failure left behind
        proc.wait()
        if proc.stderr:
            proc.stderr.close()


def test_exit_with_ends_a_process_whose_owner_died(tmp_path):
    """The mechanism alone: a child calls `exit_with(owner)`, the owner is SIGKILLed, the child (which got
    no signal) ends on its own."""
    script = tmp_path / "tree.py"
    script.write_text(
        "import os, subprocess, sys, time\n"
        "owner = os.getpid()\n"
        "code = f'from eventwire.jobs import exit_with; import time; exit_with({owner}); time.sleep(600)'\n"
        "child = subprocess.Popen([sys.executable, '-c', code])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
        members = lambda: [pid for pid, _ in session_members(proc.pid)]  # noqa: E731
        assert wait_for(lambda: child in members(), 10)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert wait_for(lambda: child not in members(), 5.0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stdout:
            proc.stdout.close()
