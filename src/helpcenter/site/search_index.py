"""Per-language search indexes, analysed at build time. Pure: documents in, JSON text out.

Why not the theme's lunr index: it is one index for all languages (a Korean reader gets English
results) and it splits Korean on spaces only, so ``잔액`` does not find ``잔액이`` and ``해제`` does
not find ``해제하려면``. Here every language gets its own index, and Korean text is cut into
morphemes by Kiwi (``kiwipiepy``), keeping the content words (nouns, roots, verb stems, Latin words
and numbers) and dropping particles and endings.

The reader's browser has no Kiwi. The query side (``src/helpcenter/theme/assets/javascripts/
helpcenter-search.js``) therefore cuts a query with the index's own vocabulary: each word is
matched, from its start, by the longest index term that begins it (``잔액이`` -> ``잔액``,
``연동해제`` -> ``연동`` + ``해제``); the unmatched tail is the particle or ending. English terms
are light stems (``unlinking`` -> ``unlink``), matched the same way.

Writers' synonym groups (``faq_source/site.yaml``: ``languages.<code>.search.synonyms``) are
analysed like the texts and shipped in the index; the query side expands each query term to its
group. Scores are BM25 weights computed here (the browser only adds them up).

Input documents are the theme's search entries (``location``, ``title``, ``text``), one per page
and one per heading section; a question's section has the question's anchor as location, so a
result leads to the question, not just to the page.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

INDEX_FORMAT = 2
"""Bumped when the JSON layout or the analysis changes."""

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3
"""A term in a section's title (the question) counts as this many occurrences in its text."""

PAGE_BOOST = 3.0
"""Weight factor of the sections of ``boosted_pages`` (see :func:`build_index`)."""

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[0-9a-z]+|[\uac00-\ud7a3]+|[\u4e00-\u9fff]+")
_HYPHENATED = re.compile(r"[a-z]+(?:-[a-z]+)+")
_NOT = re.compile(r"n['\u2019]t\b")

# Kiwi part-of-speech tags kept as index terms: nouns, numerals, roots, verb and adjective stems,
# Latin words, numbers and Chinese characters. Particles (J*), endings (E*), suffixes (XS*) and
# punctuation are dropped. https://github.com/bab2min/kiwipiepy (tag set)
_KO_KEEP = ("NNG", "NNP", "NR", "XR", "VV", "VA", "SL", "SN", "SH", "MAG")
_KO_STOP = frozenset({"하", "되", "있", "않", "수", "것", "등", "및", "더", "잘", "좀", "이", "그"})
_KO_NOT = "안"
"""The long negation (해제되지 않으면, auxiliary 않) is indexed as the short one a reader types
(안 풀면): both mean "not"."""

KOREAN_ENDING_STARTS = "가게고과까께나냐네는니다도든라랑러려로를만며면서세야어에엔와요으은을음의이인지진처하한할함합해했되된될됨돼됐기"
"""First syllables of Korean particles and endings (은/는/을/를/에/으면/하려면/되나요/기 ...).
The query side accepts a one-syllable term (풀, 남, 돈) only before one of these (풀면, 남은돈),
so that 계 is not read into 계속. Grammar, not content: the same for every site."""

ENGLISH_NEGATIONS = ("arent", "cant", "couldnt", "didn", "didnt", "doesn", "doesnt", "don", "dont",
                     "hasnt", "havent", "isn", "isnt", "shouldnt", "wasnt", "werent", "wont",
                     "wouldnt")
"""n't contractions as a reader types them (``dont``; ``don't`` is read as ``don`` + ``t``): the
texts' ``don't`` is indexed as ``not``, and these find it (query aliases, :func:`query_rules`)."""

_EN_STOP = frozenset(
    [
        "a", "an", "and", "are", "as", "at", "be", "been", "by", "can", "do", "does", "for",
        "from", "get", "go", "got", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me",
        "my", "of", "on", "or", "our", "so", "that", "the", "their", "then", "there", "these",
        "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why",
        "will", "with", "you", "your"
    ]
)


@dataclass(frozen=True)
class Document:
    """One search entry of one language."""

    location: str
    """URL relative to the site root, with the section's anchor (``faq/#link-fails``)."""
    title: str
    text: str
    """HTML as the theme shows it in the result list."""


# --- analysis ----------------------------------------------------------------------------------


@cache  # a site has a few thousand distinct words, each seen many times
def english_stem(word: str) -> str:
    """A light, predictable stemmer: the query side matches stems as word prefixes, so it only
    has to cut endings (``refunded`` -> ``refund``, ``fees`` -> ``fee``, ``closing`` ->
    ``clos``)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def analyse_english(text: str) -> list[str]:
    """Stems of the words, without stop words; ``don't`` is ``not``, and a hyphenated word also
    counts joined (``cross-border`` -> ``cross``, ``border``, ``crossborder``)."""
    text = _NOT.sub(" not", text.lower())
    words = [w for w in _WORD.findall(text) if w not in _EN_STOP]
    words += [w.replace("-", "") for w in _HYPHENATED.findall(text)]
    return [english_stem(w) for w in words]


KIWI_THREADS = min(os.cpu_count() or 1, 4)
"""Kiwi analyses a batch of texts on this many threads (same results as one by one)."""


KIWI_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False, "load_default_dict": False}
"""Without the typo, multi-word and default (113,000 proper nouns) dictionaries: Kiwi loads in
about a third of the time (1.3 s -> 0.8 s for the default one alone), and the terms of this site's
texts are the same (the real site's and the bench's 2,028 distinct texts and the synonyms)."""


@cache
def _kiwi():  # pragma: no cover - trivial
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=KIWI_THREADS, **KIWI_OPTIONS)


def _content_terms(tokens: Iterable) -> list[str]:
    """The kept morphemes of Kiwi's tokens (Latin words lowercased), in order."""
    terms = []
    for token in tokens:
        tag = token.tag.split("-")[0]  # VV-I (irregular) -> VV
        if tag == "VX" and token.form == "않":
            terms.append(_KO_NOT)
        elif tag in _KO_KEEP and token.form not in _KO_STOP:
            terms.append(token.form.lower())
    return terms


def analyse_korean(text: str) -> list[str]:
    """Content morphemes of ``text`` (Latin words lowercased), in order."""
    return _content_terms(_kiwi().tokenize(text))


def analyse_korean_batch(texts: Sequence[str]) -> list[list[str]]:
    """:func:`analyse_korean` of each text, on :data:`KIWI_THREADS` threads."""
    if len(texts) < 2:
        return [analyse_korean(text) for text in texts]
    return [_content_terms(tokens) for tokens in _kiwi().tokenize(list(texts))]


def analyser_fingerprint() -> str:
    """Changes whenever :func:`analyse_korean` could give other terms for the same text (Kiwi,
    its model, the kept tags): the key of analyses remembered across builds (search_terms.py)."""
    from importlib.metadata import version

    return repr((INDEX_FORMAT, version("kiwipiepy"), version("kiwipiepy_model"), _KO_KEEP,
                 sorted(_KO_STOP), _KO_NOT, sorted(KIWI_OPTIONS.items())))


ANALYSERS = {"ko": analyse_korean}
"""Language code -> analyser; any other language uses :func:`analyse_english`."""


def analyse(language: str, text: str) -> list[str]:
    return ANALYSERS.get(language, analyse_english)(text)


def analyse_many(language: str, texts: Sequence[str]) -> list[list[str]]:
    """:func:`analyse` of each text; Korean in one batch on every core."""
    if language == "ko":
        return analyse_korean_batch(texts)
    return [analyse(language, text) for text in texts]


AnalyseMany = Callable[[str, Sequence[str]], list[list[str]]]
"""The signature of :func:`analyse_many` (search_terms.Analyses.analyse_many remembers)."""


def plain_text(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


# --- index -------------------------------------------------------------------------------------


def build_index(
    language: str,
    documents: Sequence[Document],
    synonyms: Iterable[Sequence[str]] = (),
    skip_titles: Iterable[str] = (),
    boosted_pages: Iterable[str] = (),
    analyse_many: AnalyseMany = analyse_many,
) -> dict:
    """The index of one language as JSON-ready data (sorted, floats rounded: same input, same
    bytes). Long: one pass over the documents and one BM25 loop, kept inline for speed.

    ``skip_titles``: sections whose title is one of these are shown as parents but not searched
    (lists of links to questions, which would otherwise outrank the questions themselves).
    ``boosted_pages``: locations of pages whose sections weigh :data:`PAGE_BOOST` times more
    (the FAQ: a question answers a reader's question more directly than a guide's steps).
    ``analyse_many``: the analyser (search_terms.py passes one that remembers).
    """
    boosted = frozenset(boosted_pages)
    pairs = searched_texts(documents, skip_titles)
    words = sorted({word for group in synonyms for word in group})
    analysed = iter(analyse_many(language, [t for pair in pairs if pair for t in pair] + words))
    per_doc: list[Counter[str]] = []
    for pair in pairs:
        counts: Counter[str] = Counter()
        if pair:
            for term in next(analysed):  # the title
                counts[term] += TITLE_WEIGHT
            counts.update(next(analysed))  # the text
        per_doc.append(counts)
    word_terms = dict(zip(words, analysed, strict=True))
    groups = sorted(
        {
            tuple(sorted({word_terms[word][0] for word in group if len(word_terms[word]) == 1}))
            for group in synonyms
        }
        - {()}
    )
    vocabulary = {t for counts in per_doc for t in counts} | {t for g in groups for t in g}
    # Compound nouns (연동해제, 알리페이) count as their parts instead, so that "연동 해제" finds
    # them and "알리페이" finds the texts where the analyser read 알리 + 페이; the query side cuts
    # a compound the same way. (Parts are shorter than the term: never its own part.)
    in_groups = {t for g in groups for t in g}
    parts_of = {term: _split_compound(term, vocabulary) for term in vocabulary - in_groups}
    for counts in per_doc:
        for term, n in list(counts.items()):
            if parts_of.get(term):
                del counts[term]
                for part in parts_of[term]:
                    counts[part] += n
    vocabulary -= {term for term, parts in parts_of.items() if parts}

    searchable = [c for c in per_doc if c]
    avg_length = sum(sum(c.values()) for c in searchable) / max(len(searchable), 1)
    df = Counter(t for c in searchable for t in c)
    idf = {t: math.log(1 + (len(searchable) - n + 0.5) / (n + 0.5)) for t, n in df.items()}
    postings: dict[str, list[list[float]]] = {}
    for number, counts in enumerate(per_doc):
        norm = K1 * (1 - B + B * sum(counts.values()) / avg_length)
        boost = boosted and documents[number].location.split("#")[0] in boosted
        for term, tf in counts.items():
            weight = idf[term] * tf * (K1 + 1) / (tf + norm)
            if boost:
                weight *= PAGE_BOOST
            postings.setdefault(term, []).append([number, round(weight, 3)])
    return {
        "format": INDEX_FORMAT,
        "lang": language,
        "docs": [{"location": d.location, "title": d.title, "text": d.text} for d in documents],
        "terms": {t: postings[t] for t in sorted(postings)},
        "vocabulary": sorted(vocabulary),
        "synonyms": [list(g) for g in groups if len(g) > 1],
        **query_rules(language),
    }


def query_rules(language: str) -> dict:
    """What the query side needs of the analyser's rules (see helpcenter-search.js):
    ``endingStarts`` for Korean, ``aliases`` (typed word -> term) for English."""
    if language in ANALYSERS:
        return {"endingStarts": KOREAN_ENDING_STARTS}
    return {"aliases": {word: "not" for word in ENGLISH_NEGATIONS}}


def searched_texts(documents: Sequence[Document], skip_titles: Iterable[str] = ()
                   ) -> list[tuple[str, str] | None]:
    """Per document, the title and plain text whose words are indexed, or None: a page's own
    entry is only the parent of its sections (locations with an anchor), and sections titled
    one of ``skip_titles`` are not searched."""
    skip = set(skip_titles)
    return [(doc.title, plain_text(doc.text)) if doc.title not in skip and "#" in doc.location
            else None for doc in documents]


def synonym_problems(language: str, synonyms: Iterable[Sequence[str]],
                     analyse_many: AnalyseMany = analyse_many) -> list[str]:
    """Synonyms that the analyser does not read as exactly one term (they would match parts of
    other words): ``languages.ko.search.synonyms: '알리페이' is read as 2 words (알리 페이)``."""
    words = [word for group in synonyms for word in group]
    problems = []
    for word, terms in zip(words, analyse_many(language, words), strict=True):
        if len(terms) != 1:
            problems.append(
                f"languages.{language}.search.synonyms: '{word}' is read as {len(terms)} "
                f"words ({' '.join(terms) or 'none'}); list single words only."
            )
    return problems


def _split_compound(term: str, vocabulary: set[str]) -> list[str]:
    """``term`` as two or more vocabulary words of at least two letters each, or ``[]``."""
    if len(term) < 4 or not term[0] >= "\uac00":
        return []
    for cut in range(len(term) - 2, 1, -1):
        head, tail = term[:cut], term[cut:]
        if head in vocabulary:
            if tail in vocabulary:
                return [head, tail]
            rest = _split_compound(tail, vocabulary)
            if rest:
                return [head, *rest]
    return []


def to_json(index: dict) -> str:
    """Compact, deterministic JSON (UTF-8 text, one trailing newline)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def split_by_language(
    entries: Iterable[dict], languages: Sequence[str], default: str
) -> dict[str, list[Document]]:
    """Sort the theme's search entries into languages by their location: ``en/...`` is English,
    anything without a language folder is the default language. Duplicates are dropped."""
    result: dict[str, list[Document]] = {code: [] for code in languages}
    seen = set()
    for entry in entries:
        location = entry["location"]
        if location in seen:
            continue
        seen.add(location)
        code = next((c for c in languages if c != default and location.startswith(f"{c}/")),
                    default)
        result[code].append(Document(location, entry.get("title", ""), entry.get("text", "")))
    return result


def stub_index(languages: Sequence[str]) -> str:
    """What replaces the theme's ``search/search_index.json``: the theme fetches it on every page,
    so it stays tiny; the worker fetches ``search/<lang>.json`` at the first query."""
    data = {
        "config": {"lang": list(languages), "separator": r"[\s\-]+", "pipeline": []},
        "docs": [],
    }
    return json.dumps(data, separators=(",", ":")) + "\n"
