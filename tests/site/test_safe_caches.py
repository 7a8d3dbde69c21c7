"""Caches read back from disk cannot run code, and a damaged or poisoned one is ignored."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from helpcenter import codec, pipeline
from helpcenter.load import load
from helpcenter.model import HelpCenter
from helpcenter.pipeline import RENDER_CACHE
from helpcenter.site import search_index
from helpcenter.site.search_terms import Analyses

ROOT = Path(__file__).resolve().parents[2]


def test_the_model_survives_the_json_codec_exactly():
    center = load(ROOT / "faq_source", ROOT)
    data = json.loads(json.dumps(codec.encode(center)))
    assert codec.decode(data, HelpCenter) == center


@pytest.mark.parametrize("damage", [
    lambda d: d.update(default_language=1),
    lambda d: d["facts"]["cutoff_date"].update(value={"date": "2024-02-30"}),
    lambda d: d["facts"]["cutoff_date"].update(value={"__reduce__": "os.system"}),
    lambda d: d["entries"][0].update(extra_field="x"),
    lambda d: d["entries"][0]["texts"]["ko"].update(question=["not", "text"]),
    lambda d: d.update(guides={"not": "a list"}),
])
def test_a_misshapen_model_is_refused(damage):
    data = codec.encode(load(ROOT / "faq_source", ROOT))
    damage(data)
    with pytest.raises(codec.DecodeError):
        codec.decode(data, HelpCenter)


class _Boom:
    def __reduce__(self):
        return (Path.touch, (Path("PWNED"),))


def test_no_cache_file_runs_code_and_a_foreign_one_is_ignored(project: Path, monkeypatch):
    monkeypatch.chdir(project)
    cache = project / RENDER_CACHE
    cache.parent.mkdir(parents=True, exist_ok=True)
    for planted in (pickle.dumps(_Boom()), b"0" * 64 + b"\n" + pickle.dumps(_Boom()),
                    b"[" * 100_000, b"{}"):
        cache.write_bytes(planted)
        monkeypatch.setattr(pipeline, "_RENDERED", {})
        result = pipeline.generate(project, check=True)
        assert not (project / "PWNED").exists()
        assert result.center == load(project / "faq_source", project)
    assert cache.read_bytes().split(b"\n", 1)[0] != b"0" * 64, "rewritten with the real key"


def test_a_cache_with_the_right_key_but_a_wrong_shape_is_ignored(project: Path, monkeypatch):
    monkeypatch.setattr(pipeline, "_RENDERED", {})
    pipeline.generate(project, check=True)
    cache = project / RENDER_CACHE
    key, payload = cache.read_bytes().split(b"\n", 1)
    data = json.loads(payload)
    data["pages"]["ko/index.md"] = 42
    cache.write_bytes(key + b"\n" + json.dumps(data).encode())
    monkeypatch.setattr(pipeline, "_RENDERED", {})
    assert isinstance(pipeline.generate(project, check=True).plan.unchanged, list)
    assert json.loads(cache.read_bytes().split(b"\n", 1)[1])["pages"]["ko/index.md"] != 42


@pytest.mark.parametrize("terms", [
    {"ko": {"a" * 40: 1}},
    {"ko": {"a" * 40: [1, 2]}},
    {"ko": {"a" * 40: {"x": "y"}}},
    {"ko": ["x"]},
    {"xx": {}},
    ["ko"],
])
def test_search_analyses_of_a_wrong_shape_are_ignored_as_a_whole(tmp_path: Path, terms):
    path = tmp_path / "search-terms.json"
    good = {"b" * 40: ["term"]}
    data = {"analyser": search_index.analyser_fingerprint(),
            "terms": terms if not isinstance(terms, dict) else {**terms, "ko": {
                **(terms.get("ko") if isinstance(terms.get("ko"), dict) else {}), **good}}}
    if isinstance(terms, dict) and not isinstance(terms.get("ko", {}), dict):
        data["terms"]["ko"] = terms["ko"]
    path.write_text(json.dumps(data), "utf-8")
    analyses = Analyses()
    analyses.load(path)
    assert analyses._terms["ko"] == {}, "nothing of a poisoned file is taken"
