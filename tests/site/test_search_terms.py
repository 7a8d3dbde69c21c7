"""Remembered and ahead-of-time Korean analyses (search_terms.py): same terms as the analyser,
kept across builds only for the same analyser, never a reason to fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcenter.site import search_index
from helpcenter.site.search_index import Document, analyse, build_index, to_json
from helpcenter.site.search_terms import Analyses

TEXTS = ["잔액이 있으면 어떻게 합니까?", "연동을 해제하려면 가이드를 참고하십시오.",
         "WorldFirst 계정에서 인출하실 수 있습니다.", "잔액이 있으면 어떻게 합니까?"]
DOCS = [
    Document("faq/", "FAQ", ""),
    Document("faq/#balance", TEXTS[0], "<p>잔액은 인출하실 수 있습니다.</p>"),
    Document("faq/#unlink", "연동해제 방법", f"<p>{TEXTS[1]}</p>"),
]


def test_the_terms_are_the_analysers_in_a_batch_ahead_and_remembered():
    expected = [analyse("ko", text) for text in TEXTS]
    assert search_index.analyse_many("ko", TEXTS) == expected  # one batch on every core
    analyses = Analyses()
    analyses.prefetch("ko", TEXTS[:2])
    assert analyses.analyse_many("ko", TEXTS) == expected
    assert analyses.analyse_many("en", ["Refunds are closed"]) == [["refund", "clos"]]


def test_an_index_from_remembered_analyses_has_the_same_bytes(tmp_path: Path, monkeypatch):
    computed = to_json(build_index("ko", DOCS, [["출금", "인출"]]))
    first = Analyses()
    assert to_json(build_index("ko", DOCS, [["출금", "인출"]], analyse_many=first.analyse_many)) \
        == computed
    first.save(tmp_path / "terms.json")
    second = Analyses()
    second.load(tmp_path / "terms.json")
    calls = []
    original = search_index.analyse_korean_batch
    monkeypatch.setattr(search_index, "analyse_korean_batch",
                        lambda texts: calls.append(texts) or original(texts))
    again = to_json(build_index("ko", DOCS, [["출금", "인출"]], analyse_many=second.analyse_many))
    assert again == computed
    assert calls == []  # nothing analysed again


def test_only_what_the_last_build_used_is_kept(tmp_path: Path):
    analyses = Analyses()
    analyses.analyse_many("ko", TEXTS[:2])
    analyses.save(tmp_path / "terms.json")
    analyses.analyse_many("ko", TEXTS[2:3])
    analyses.save(tmp_path / "terms.json")
    saved = json.loads((tmp_path / "terms.json").read_text("utf-8"))
    assert list(saved["terms"]["ko"].values()) == [analyse("ko", TEXTS[2])]
    assert "en" not in saved["terms"]  # English is cheap: never stored


def test_analyses_of_another_analyser_or_a_damaged_file_are_ignored(tmp_path: Path):
    path = tmp_path / "terms.json"
    analyses = Analyses()
    analyses.analyse_many("ko", TEXTS[:1])
    analyses.save(path)
    saved = json.loads(path.read_text("utf-8"))
    key = next(iter(saved["terms"]["ko"]))

    wrong = {"analyser": "kiwipiepy 0.1", "terms": {"ko": {key: ["틀린", "결과"]}}}
    path.write_text(json.dumps(wrong), "utf-8")
    other = Analyses()
    other.load(path)
    assert other.analyse_many("ko", TEXTS[:1]) == [analyse("ko", TEXTS[0])]

    for damaged in ("{not json", "[]", ""):
        path.write_text(damaged, "utf-8")
        fresh = Analyses()
        fresh.load(path)
        assert fresh.analyse_many("ko", TEXTS[:1]) == [analyse("ko", TEXTS[0])]
    Analyses().load(tmp_path / "missing.json")  # no file: nothing to take


def test_a_cache_that_cannot_be_written_is_not_an_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    analyses = Analyses()
    analyses.analyse_many("ko", TEXTS[:1])
    analyses.save(blocker / "terms.json")  # its folder is a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_child_process_analyses_the_same_and_a_stopped_one_is_replaced_by_this_process():
    from helpcenter.site.analyser import ChildAnalyser

    expected = [analyse("ko", text) for text in TEXTS]
    child = ChildAnalyser()
    analyses = Analyses(child)
    analyses.prefetch("ko", TEXTS[:2])  # starts the child; returns at once
    assert analyses.analyse_many("ko", TEXTS) == expected
    child.close()
    later = Analyses(child)  # stopped: its batches fail, and are analysed here instead
    assert later.analyse_many("ko", TEXTS[2:]) == expected[2:]


def test_a_child_whose_input_ended_answers_what_it_had_then_exits():
    from helpcenter.site.analyser import AnalyserGone, ChildAnalyser

    child = ChildAnalyser()
    pending = child.submit("ko", TEXTS)
    child.end_input()  # a build's last analyses are in: the child exits without close()
    assert pending.result(timeout=60) == [analyse("ko", text) for text in TEXTS]
    assert child._process.wait(timeout=10) == 0
    with pytest.raises(AnalyserGone):
        child.submit("ko", TEXTS[:1]).result(timeout=10)
    child.close()


def test_an_analyser_started_ahead_goes_to_a_cold_build_of_its_project_only(tmp_path: Path,
                                                                            monkeypatch):
    from helpcenter.site import search_terms

    monkeypatch.setattr(search_terms, "_ahead", None)
    monkeypatch.setattr(search_terms, "_asked_ahead", False)
    warm = tmp_path / "warm"
    (warm / search_terms.TERMS_CACHE).parent.mkdir(parents=True)
    (warm / search_terms.TERMS_CACHE).write_text("{}", "utf-8")
    search_terms.start_ahead(warm)  # remembered analyses: nothing to start
    assert search_terms._ahead is None

    monkeypatch.setattr(search_terms, "_asked_ahead", False)
    search_terms.start_ahead(tmp_path)
    search_terms.start_ahead(tmp_path)  # once per process: MkDocs runs the hook at every load
    ahead = search_terms._ahead[1]
    assert search_terms.take_analyser(tmp_path, wanted=True) is ahead
    assert search_terms.take_analyser(tmp_path, wanted=True) is not ahead  # a new one
    assert ahead.submit("ko", TEXTS[:1]).result(timeout=60) == [analyse("ko", TEXTS[0])]
    ahead.close()

    monkeypatch.setattr(search_terms, "_asked_ahead", False)
    search_terms.start_ahead(tmp_path)
    ahead = search_terms._ahead[1]
    assert search_terms.take_analyser(warm, wanted=True) is not ahead  # another project's build
    assert ahead._gone and search_terms._ahead is None  # stopped
