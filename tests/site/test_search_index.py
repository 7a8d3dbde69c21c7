"""The search index builder (no browser): Korean analysis, synonyms, per-language split,
deterministic bytes."""

from __future__ import annotations

from helpcenter.site import search_index
from helpcenter.site.search_index import Document, analyse, build_index, english_stem


def test_korean_particles_and_endings_are_dropped():
    assert analyse("ko", "잔액이 있으면") == ["잔액"]
    assert analyse("ko", "연동을 해제하려면") == ["연동", "해제"]
    assert "worldfirst" in analyse("ko", "WorldFirst에서")


def test_english_stems_are_prefixes_of_the_words():
    for word, stem in [("refunded", "refund"), ("fees", "fee"), ("unlinking", "unlink"),
                       ("accounts", "account"), ("closed", "clos"), ("close", "clos")]:
        assert english_stem(word) == stem
        assert word.startswith(stem)


DOCS = [
    Document("faq/", "FAQ", ""),
    Document("faq/#balance", "잔액이 있으면 어떻게 합니까?", "<p>잔액은 인출하실 수 있습니다.</p>"),
    Document("faq/#unlink", "연동해제 방법", "<p>가이드를 참고하십시오.</p>"),
]


def test_index_has_terms_synonyms_and_compound_parts():
    index = build_index("ko", DOCS, synonyms=[["출금", "인출"]])
    assert index["synonyms"] == [["인출", "출금"]]
    assert "출금" in index["vocabulary"]  # a synonym is searchable even if no text has it
    postings = {term: [doc for doc, _ in docs] for term, docs in index["terms"].items()}
    assert postings["잔액"] == [1]
    assert 2 in postings["연동"] and 2 in postings["해제"]  # 연동해제 -> 연동 + 해제
    assert "연동해제" not in index["vocabulary"]  # the query side cuts it the same way
    assert 0 not in sum(postings.values(), [])  # page entries are parents, not searched


def test_same_documents_same_bytes():
    one = search_index.to_json(build_index("ko", DOCS, [["출금", "인출"]]))
    two = search_index.to_json(build_index("ko", list(DOCS), [["인출", "출금"]]))
    assert one == two


def test_a_synonym_read_as_two_words_is_reported():
    problems = search_index.synonym_problems("ko", [["알리페이", "alipay"]])
    assert problems == ["languages.ko.search.synonyms: '알리페이' is read as 2 words (알리 페이); "
                        "list single words only."]


def test_entries_are_split_by_language_folder():
    entries = [{"location": "faq/#a", "title": "가"}, {"location": "en/faq/#a", "title": "A"},
               {"location": "faq/#a", "title": "duplicate"}]
    split = search_index.split_by_language(entries, ["ko", "en"], "ko")
    assert [d.location for d in split["ko"]] == ["faq/#a"]
    assert [d.location for d in split["en"]] == ["en/faq/#a"]


def test_negations_are_indexed_as_the_reader_types_them():
    assert analyse("ko", "해제되지 않으면") == ["해제", "안"]  # long negation = short 안
    assert analyse("ko", "안 풀면") == ["안", "풀"]
    assert analyse("en", "if you don't unlink it") == ["not", "unlink"]
    assert build_index("en", DOCS)["aliases"]["didnt"] == "not"  # dont, didnt, didn't


def test_a_hyphenated_word_also_counts_joined():
    assert analyse("en", "Cross-border Pay") == ["cross", "border", "pay", "crossborder"]


def test_korean_query_rules_are_shipped_with_the_index():
    index = build_index("ko", DOCS)
    assert {"은", "는", "을", "를", "면", "기"} <= set(index["endingStarts"])
    assert "aliases" not in index and "endingStarts" not in build_index("en", DOCS)
