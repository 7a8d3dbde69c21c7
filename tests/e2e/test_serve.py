"""``mkdocs serve`` as a writer uses it: a save in faq_source/ is rebuilt once and served, a hand
edit in docs/ is rebuilt too, and what the session remembered is saved when it stops."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from support.project_tools import edit

from helpcenter.site.conversions import CONVERSIONS_CACHE


class Serve:
    """``mkdocs serve`` on ``project``, its log lines read as they come."""

    def __init__(self, project: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("SITE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stderr],
                         daemon=True).start()

    def wait_for(self, text: str, seconds: float) -> list[str]:
        """The lines up to the first holding ``text``; [] if none came in ``seconds``."""
        seen, deadline = [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        assert text not in "".join(seen)
        return []

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as reply:
            return reply.read().decode("utf-8")

    def stop(self) -> str:
        """Stop it as Ctrl-C does; the rest of its log."""
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return "".join(rest)


def test_a_save_is_rebuilt_once_and_served_and_the_session_is_remembered_at_the_end(
    project: Path,
):
    for code, text in (("ko", "# 공지\n\n점검 안내입니다.\n"), ("en", "# Notice\n\nMaintenance.\n")):
        (project / "docs" / code / "notice.md").write_text(text, "utf-8")  # hand-written pages
    site_yaml = project / "faq_source" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "extra_pages:\n  - notice.md\n", "utf-8")
    serve = Serve(project)
    try:
        assert serve.wait_for("Serving on", 120), "mkdocs serve did not start"
        time.sleep(1)  # MkDocs' pollers (docs/, mkdocs.yml) take their first look
        assert not (project / CONVERSIONS_CACHE).exists()  # saved when it stops, not per build

        edit(project / "faq_source" / "faq.yaml", "What will happen", "What happens now")
        rebuild = serve.wait_for("Reloading browsers", 60)
        assert rebuild and any("Detected file changes" in line for line in rebuild)
        assert "What happens now" in serve.page("en/faq/")
        # The hook's own writes to docs/ start no second build (MkDocs polls docs/ every 0.5 s).
        assert serve.wait_for("Building documentation", 2.5) == []

        notice = project / "docs" / "en" / "notice.md"  # a hand edit in docs/: rebuilt too
        notice.write_text("# Notice\n\nMaintenance tonight.\n", "utf-8")
        assert serve.wait_for("Reloading browsers", 60)
        assert "Maintenance tonight." in serve.page("en/notice/")
    finally:
        log = serve.stop()
    assert "Traceback" not in log
    assert (project / CONVERSIONS_CACHE).is_file()
