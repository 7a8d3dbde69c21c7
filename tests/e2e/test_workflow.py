"""The publishing workflow (.github/workflows/publish.yml) runs what README.md says it runs,
and publishes main to GitHub Pages with pinned official actions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW_PATH = ROOT / ".github" / "workflows" / "publish.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW_PATH.read_text("utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def commands(step: dict[str, Any]) -> list[str]:
    """The shell lines of a ``run:`` step, without comments and blank lines."""
    lines = (line.strip() for line in step.get("run", "").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def make_commands(workflow: dict[str, Any], job: str) -> list[str]:
    return [line for step in steps(workflow, job) for line in commands(step)
            if line.startswith("make ")]


def readme_ci_commands() -> list[str]:
    """The commands of the block that follows "CI runs these commands" in README.md."""
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("CI runs these commands")
    block = re.search(r"```\w*\n(.*?)```", text[start:], re.DOTALL)
    assert block, "README.md: no code block after 'CI runs these commands'"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines()
            if line.split("#")[0].strip()]


def makefile_recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text("utf-8")
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert match, f"Makefile has no target {target}"
    return [line.strip() for line in match.group(1).splitlines()]


def test_workflow_runs_the_commands_readme_lists_in_that_order(workflow):
    listed = readme_ci_commands()
    assert listed == make_commands(workflow, "build")
    assert {"make check", "make test", "make build"} <= set(listed)


def test_the_make_targets_are_the_check_the_suite_and_the_strict_build():
    assert any("scripts/build_faq.py --check" in line for line in makefile_recipe("check"))
    assert any("pytest" in line for line in makefile_recipe("test"))
    build = makefile_recipe("build")
    # One strict MkDocs build; its hook (listed in mkdocs.yml) checks and regenerates docs/.
    assert any("mkdocs build --strict" in line for line in build)
    assert "hooks/helpcenter_hook.py" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_local_ci_entry_point_runs_the_same_tests():
    run = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert "make test" in run


def test_runs_on_pull_requests_and_pushes_to_main(workflow):
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release(workflow):
    text = WORKFLOW_PATH.read_text("utf-8")
    used = [step["uses"] for job in workflow["jobs"] for step in steps(workflow, job)
            if "uses" in step]
    assert used
    for action in used:
        assert PINNED.match(action), action
        assert re.search(rf"{re.escape(action)} # v\d+\.\d+\.\d+$", text, re.MULTILINE), action


def test_main_is_deployed_with_the_official_pages_actions(workflow):
    used = {step["uses"].split("@")[0]: step for job in workflow["jobs"]
            for step in steps(workflow, job) if "uses" in step}
    for action in PAGES_ACTIONS:
        assert action in used, action
    assert used["actions/upload-pages-artifact"]["with"]["path"] == "site"
    upload_when = used["actions/upload-pages-artifact"]["if"]
    assert "refs/heads/main" in upload_when and "pull_request" in upload_when

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    # Pull requests (the build job) never get write access.
    assert workflow["permissions"] == {"contents": "read"}
    assert "write" not in workflow["jobs"]["build"]["permissions"].values()


def test_build_order_upload_comes_after_the_strict_build(workflow):
    names = [step.get("run", step.get("uses", "")) for step in steps(workflow, "build")]
    build_at = next(i for i, name in enumerate(names) if name.strip() == "make build")
    upload_at = next(i for i, name in enumerate(names) if "upload-pages-artifact" in name)
    set_url_at = next(i for i, name in enumerate(names) if "SITE_URL=" in name)
    assert set_url_at < build_at < upload_at


def test_pip_downloads_are_cached(workflow):
    job = workflow["jobs"]["build"]
    cache = next(step for step in job["steps"]
                 if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == job["env"]["PIP_CACHE_DIR"]
    assert "requirements.txt" in cache["with"]["key"]


def test_chromium_is_installed_for_the_browser_tests(workflow):
    installs = [line for step in steps(workflow, "build") for line in commands(step)
                if line.startswith("apt-get install")]
    assert any("chromium" in line.split() for line in installs)


def test_translation_status_goes_to_the_job_summary(workflow):
    status = next(step for step in steps(workflow, "build")
                  if step.get("name") == "Translation status")
    lines = commands(status)
    assert any(line.startswith(".venv/bin/python scripts/build_faq.py status") for line in lines)
    assert any(line.endswith('>> "$GITHUB_STEP_SUMMARY"') for line in lines)


def test_search_analyses_and_conversions_are_cached_before_the_build(workflow):
    from helpcenter.site.conversions import CONVERSIONS_CACHE
    from helpcenter.site.session import TERMS_CACHE

    names = [step.get("run", step.get("uses", "")) for step in steps(workflow, "build")]
    caches = [step for step in steps(workflow, "build")
              if step.get("uses", "").startswith("actions/cache@")
              and step["with"]["path"].split() == [TERMS_CACHE.as_posix(),
                                                   CONVERSIONS_CACHE.as_posix()]]
    assert len(caches) == 1
    assert "requirements.txt" in caches[0]["with"]["key"]  # a new Kiwi: a new cache
    build_at = next(i for i, name in enumerate(names) if name.strip() == "make build")
    assert steps(workflow, "build").index(caches[0]) < build_at
