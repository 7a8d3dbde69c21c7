"""A hostile source for a project copy, and the two public commands run on it.

``make_hostile(project)`` rewrites ``faq_source/site.yaml``, ``guides.yaml`` and ``faq.yaml``
(with the real FAQ in two categories) so that every plain-text field holds a value a careless
writer or an attacker could type (quotes, ``&``, ``</title><script>``, attribute break-outs...)
and every Markdown field holds Markdown that the README says is allowed but that is awkward to
escape (code spans holding tags, ``<kbd>``, entities, links whose addresses hold quotes). All of
it must be accepted and shown literally. With ``markdown=PAYLOAD`` every Markdown field holds
that payload instead (an attack: it must be refused with its line, or come out harmless).
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from support.project_tools import categorise

SCRIPT = "</title><script>alert(1)</script>"
PLAIN = [  # hostile but plausible one-line plain texts
    "\"<>&'",
    SCRIPT,
    'Choose "Cross-border Pay" & sign in.',
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(1)",
    "</textarea></noscript></style><img src=x onerror=alert(1)>",
    "<!-- ]]> --> &amp; &lt;b&gt; &#x3C;script&#x3E;",
    "javascript:alert(1)",
    "*bold* _em_ [x](javascript:alert(1)) {#id .cls onclick=alert(1)}",
    "</script><script>alert(1)</script>",
    "<![CDATA[ > ]]><script>alert(1)</script>",
]
# Explicit values for the fields whose exact rendering the tests check.
SITE = {
    "ko": {"name": "</a><img src=x onerror=alert(1)>", "site_name": SCRIPT,
           "description": 'Choose "Cross-border Pay" & sign in.',
           "not_found": {"title": "</h1><script>alert(1)</script>",
                         "text": '<a href="javascript:alert(1)">home</a> & more'}},
    "en": {"name": 'English" onclick="alert(1)', "site_name": "\"<>&'",
           "description": '" onmouseover="alert(1)" x="',
           "not_found": {"title": "'><svg onload=alert(1)>",
                         "text": "</p></noscript><script>alert(1)</script>"}},
}
FIRST_GUIDE = {
    "ko": {"title": SCRIPT + " 가이드", "summary": 'Choose "Cross-border Pay" & sign in.'},
    "en": {"title": 'Register <b>now</b> & "sign in"',
           "summary": "</title><meta http-equiv=refresh content=0;url=javascript:alert(1)>"},
}
LEGAL_MARKDOWN = [  # Markdown the README allows, awkward to escape
    'Choose **"Cross-border Pay"** & sign in. 1 < 2 && 3 > 2.',
    "`</title><script>alert(1)</script>` is shown as code.",
    "Press <kbd>Ctrl</kbd> + <kbd>K</kbd><br>then x<sup>2</sup> and H<sub>2</sub>O.",
    "See [the portal](https://example.com/?a=1&b=%222%22 'say \"hi\" & more').",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#60;b&#62; are shown as text.",
    "Write to [us](mailto:help@example.com) or call [us](tel:+821012345678).",
]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(extra or {})
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str] | None, timeout: float) -> Run:
    start = time.monotonic()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=_env(env),
                          timeout=timeout, check=False)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def run_generator(project: Path, *args: str, env: dict[str, str] | None = None,
                  timeout: float = 60) -> Run:
    """``scripts/build_faq.py [args] --root PROJECT`` (the lead's script, run on the copy)."""
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_faq.py"
    return _run([sys.executable, str(script), *args, "--root", str(project)], project, env,
                timeout)


def run_mkdocs(project: Path, site: Path, env: dict[str, str] | None = None,
               timeout: float = 120) -> Run:
    """``mkdocs build --strict --site-dir SITE`` in the project copy, as CI does."""
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                project, env, timeout)


LOCATED = re.compile(r"faq_source/(?:site|guides|faq)\.yaml:\d+")


def refusal_problems(run: Run, file: str | None = None) -> list[str]:
    """What is wrong with ``run`` as a refusal: it must fail, without a traceback, naming a
    ``faq_source/<file>.yaml:<line>`` (of ``file`` if given)."""
    problems = []
    if run.returncode == 0:
        problems.append("accepted")
    if "Traceback" in run.output:
        problems.append("traceback:\n" + run.output[-1500:])
    located = re.compile(rf"faq_source/{re.escape(file)}:\d+") if file else LOCATED
    if not located.search(run.output):
        problems.append(f"no {located.pattern} in:\n{run.output[-1500:]}")
    return problems


def _dump(path: Path, data: object) -> None:
    first = path.read_text("utf-8").splitlines()[0]  # the yaml-language-server line
    path.write_text(first + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                  width=10_000), "utf-8")


def make_hostile(project: Path, markdown: str | None = None) -> Path:
    """Rewrite every writer's text of ``project``'s source (see the module docstring)."""
    categorise(project)
    source = project / "faq_source"
    plain = (f"{text} #{n}" for n, text in enumerate(itertools.cycle(PLAIN)))
    legal = itertools.cycle(LEGAL_MARKDOWN)

    def md() -> str:
        return markdown if markdown is not None else next(legal)

    site = yaml.safe_load((source / "site.yaml").read_text("utf-8"))
    for code, language in site["languages"].items():
        language.update({k: v for k, v in SITE[code].items() if k != "not_found"})
        language["not_found"] = dict(SITE[code]["not_found"])
        language["home"] = {"title": next(plain), "intro": md()}
        language["labels"] = {key: next(plain) for key in language["labels"]}
    _dump(source / "site.yaml", site)

    guides = yaml.safe_load((source / "guides.yaml").read_text("utf-8"))
    for n, guide in enumerate(guides["guides"]):
        for code in site["languages"]:
            block = guide[code]
            block["title"], block["summary"] = next(plain), next(plain)
            if n == 0:
                block.update(FIRST_GUIDE[code])
            block["intro"] = md()
            block["steps"] = [md() for _ in block["steps"]]
    _dump(source / "guides.yaml", guides)

    faq = yaml.safe_load((source / "faq.yaml").read_text("utf-8"))
    for category in faq["categories"]:
        for code in site["languages"]:
            category[code] = {"title": next(plain), "description": next(plain)}
    for entry in faq["entries"]:
        for code in site["languages"]:
            entry[code] = {"question": next(plain), "answer": md()}
    _dump(source / "faq.yaml", faq)
    return project
