/*
 * Search worker for Material for MkDocs' search dialog, one language per page.
 *
 * Material lets a site bring its own worker (the `search` URL in the page's #__config) as long as
 * it answers the same messages: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3) with
 * { items: SearchItem[][] } grouped by page. See
 * squidfunk/mkdocs-material src/templates/assets/javascripts/integrations/search/worker/_/index.ts
 *
 * The index (search/<lang>.json, built by src/helpcenter/site/search_index.py) holds the documents of
 * this page's language only, BM25 weights per term, the vocabulary, the writers' synonym groups
 * and the query rules of the language's analyser. A query is read with the vocabulary:
 *
 * - a Korean word is cut into vocabulary terms, the best cut of the whole word (longer terms
 *   first): 잔액이 -> 잔액, 연동해제하려면 -> 연동 + 해제, 남은돈 -> 남 + 돈. What follows a term
 *   is a particle or an ending; a one-syllable term only counts before one (풀면, not 계 in 계속);
 * - Latin words are matched by the longest term that begins them (refunded -> refund), joined
 *   when the reader split one (world first -> worldfirst) and split when they ran two together
 *   (cashout -> cash + out);
 * - a word (or the rest of a Korean word) that no term matches may be a typo: it finds the terms
 *   one letter away (Korean: one jamo; 연동해재 -> 해제, 게정 -> 계정, withdrawl, acount). To
 *   keep typos from inventing hits, a two-syllable Korean word may only differ by a look-alike
 *   vowel or a tensed/aspirated consonant (게/계, 결재/결제, 꽈/콰), and Latin words need 5 letters;
 * - a word that nothing matches is taken as the start of a term (typing in progress: 잔 -> 잔액).
 */
"use strict"

const lang = new URL(self.location.href).searchParams.get("lang") || "en"
const indexUrl = new URL(`../../search/${lang}.json`, self.location.href)
let index = null

function load() {
  if (!index)
    index = fetch(indexUrl).then(res => res.json()).then(prepare)
  return index
}

function prepare(data) {
  const vocabulary = new Set(data.vocabulary)
  const maxLength = data.vocabulary.reduce((n, t) => Math.max(n, t.length), 0)
  const synonyms = new Map()
  for (const group of data.synonyms)
    for (const term of group)
      synonyms.set(term, group)
  /* Typo candidates by length: Korean terms of 2+ syllables (with their jamo), Latin of 4+ letters */
  const hangulBySyllables = new Map()
  const latinByLength = new Map()
  const add = (map, size, candidate) => (map.get(size) || map.set(size, []).get(size)).push(candidate)
  for (const term of data.vocabulary)
    if (HANGUL.test(term) && term.length >= 2)
      add(hangulBySyllables, term.length, { term, jamo: jamo(term) })
    else if (!HANGUL.test(term) && term.length >= 4)
      add(latinByLength, term.length, term)
  const pages = new Map(data.docs.filter(doc => !doc.location.includes("#")).map(doc => [doc.location, doc]))
  return {
    ...data, vocabulary, maxLength, synonyms, hangulBySyllables, latinByLength, pages,
    endingStarts: new Set(data.endingStarts || ""), aliases: new Map(Object.entries(data.aliases || {}))
  }
}

const HANGUL = /[\uac00-\ud7a3]/

/* Words of a query: lowercased, split at anything that is not a letter or a digit, and where
 * the script changes (WorldFirst에 -> worldfirst, 에). A pasted page is read up to MAX_QUERY. */
const MAX_QUERY = 200

function words(query) {
  return query.slice(0, MAX_QUERY).toLowerCase().match(/[0-9a-z]+|[\uac00-\ud7a3]+|[\u4e00-\u9fff]+/g) || []
}

/* --- typos ------------------------------------------------------------------------------------ */

/* A Hangul syllable as its jamo (initial, vowel, final), as code points in three ranges. */
function jamo(word) {
  let out = ""
  for (const ch of word) {
    const code = ch.charCodeAt(0) - 0xac00
    out += String.fromCharCode(0x1100 + Math.floor(code / 588), 0x1161 + Math.floor(code % 588 / 28))
    if (code % 28)
      out += String.fromCharCode(0x11a7 + code % 28)
  }
  return out
}

/* Jamo readers confuse: look-alike vowels (ㅐㅔㅒㅖ, ㅙㅚㅞ, ㅗㅛ, ㅜㅠ, ㅓㅕ, ㅏㅑ) and plain,
 * tensed and aspirated consonants (ㄱㄲㅋ, ㄷㄸㅌ, ㅂㅃㅍ, ㅅㅆ, ㅈㅉㅊ). */
const CONFUSED = (() => {
  const groups = ["\u1162\u1166\u1164\u1168", "\u116b\u116c\u1170", "\u1169\u116d", "\u116e\u1172",
                  "\u1165\u1167", "\u1161\u1163", "\u1100\u1101\u110f", "\u1103\u1104\u1110",
                  "\u1107\u1108\u1111", "\u1109\u110a", "\u110c\u110d\u110e"]
  const map = new Map()
  for (const group of groups)
    for (const ch of group)
      map.set(ch, group)
  return map
})()

/* Optimal string alignment distance of a and b, or 2 when it is more than 1. */
function distance(a, b) {
  if (Math.abs(a.length - b.length) > 1)
    return 2
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i])
    i++
  if (i === a.length && i === b.length)
    return 0
  const rest = (x, y) => a.slice(x) === b.slice(y)
  if (rest(i + 1, i + 1) || rest(i + 1, i) || rest(i, i + 1))
    return 1
  if (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2))
    return 1  /* transposed */
  return 2
}

/* Terms one typo away from `piece` (a Korean word part or a Latin word), or []. */
function typoTerms(piece, idx) {
  if (HANGUL.test(piece)) {
    const typed = jamo(piece)
    return (idx.hangulBySyllables.get(piece.length) || [])
      .filter(c => distance(typed, c.jamo) === 1 && (piece.length > 2 || confusable(typed, c.jamo)))
      .map(c => c.term)
  }
  if (piece.length < 5)
    return []
  const found = []
  for (const size of [piece.length - 1, piece.length, piece.length + 1])
    for (const term of idx.latinByLength.get(size) || [])
      if (distance(piece, term) === 1)
        found.push(term)
  /* English stems (balanc, servic): the word may go on after the stem (balnce -> balanc). */
  for (let size = Math.max(5, piece.length - 4); size <= piece.length + 1; size++)
    for (const term of idx.latinByLength.get(size) || [])
      if (!found.includes(term) && !piece.startsWith(term) &&
          [size - 1, size, size + 1].some(k => k >= 5 && k <= piece.length && piece.length - k <= 3 &&
                                             distance(piece.slice(0, k), term) === 1))
        found.push(term)
  return found
}

/* Same length, one jamo replaced by one the reader confuses with it. */
function confusable(a, b) {
  if (a.length !== b.length)
    return false
  const at = [...a].findIndex((ch, i) => ch !== b[i])
  return CONFUSED.has(a[at]) && CONFUSED.get(a[at]).includes(b[at])
}

/* --- reading a query -------------------------------------------------------------------------- */

/* What a query asks for: `terms` (any of them will do), the words that stand for what the reader
 * typed (`typed`, full weight; the rest are synonyms) and the `label` Material shows. */
function concept(term, idx, label = term) {
  return { terms: idx.synonyms.get(term) || [term], label, typed: [term] }
}

/* The best cut of a Korean word into terms: [{ term | typos, length }], or [] when the word does
 * not start with a term. Each part is an exact term (scores length²), a typo of a term (length²
 * - 1) or a skipped syllable (0, a particle or an ending, only after a term). */
function cutKorean(word, idx) {
  const n = word.length
  const best = new Array(n + 1)
  best[n] = { score: 0, parts: [] }
  /* A one-syllable term needs a particle, an ending or another term after it. */
  const startsWell = j => j === n || idx.endingStarts.has(word[j]) || !best[j].skipped
  for (let i = n - 1; i >= 0; i--) {
    let choice = i > 0 ? { score: best[i + 1].score, parts: best[i + 1].parts, skipped: true } : null
    const offer = (score, part, j) => {
      if (!choice || score > choice.score)
        choice = { score, parts: [part, ...best[j].parts] }
    }
    for (let j = Math.min(n, i + idx.maxLength); j > i; j--) {
      const piece = word.slice(i, j)
      if (idx.vocabulary.has(piece)) {
        /* one syllable: 풀 in 풀면, 돈 in 남은돈, but 한 in 가능한 is an ending */
        if (j - i > 1 || (startsWell(j) && (i === 0 || !idx.endingStarts.has(piece))))
          offer((j - i) ** 2 + best[j].score, { term: piece }, j)
      } else if (j - i > 1) {
        const typos = typoTerms(piece, idx)
        if (typos.length)
          offer((j - i) ** 2 - 1 + best[j].score, { typos, label: piece }, j)
      }
    }
    best[i] = choice || { score: 0, parts: [], skipped: true }
  }
  return best[0].skipped ? [] : best[0].parts
}

/* The term a Latin word stands for: the longest term that begins it and covers most of it
 * (refunded -> refund, not "re"), or "". */
function latinTerm(word, idx) {
  if (idx.aliases.has(word))
    return idx.aliases.get(word)
  for (let end = Math.min(word.length, idx.maxLength); end >= Math.min(3, word.length); end--)
    if (end >= word.length - 4 && idx.vocabulary.has(word.slice(0, end)))
      return word.slice(0, end)
  return ""
}

/* Concepts of a query: [{ terms, label }], one per thing the reader asked about. */
function read(query, idx) {
  const list = words(query)
  const found = []
  for (let k = 0; k < list.length; k++) {
    const word = list[k]
    if (HANGUL.test(word)) {
      const parts = cutKorean(word, idx)
      for (const part of parts)
        found.push(part.term ? concept(part.term, idx) : typoConcept(part.typos, part.label, idx))
      if (parts.length)
        continue
    } else {
      const joined = k + 1 < list.length && !HANGUL.test(list[k + 1]) && latinTerm(word + list[k + 1], idx)
      if (joined && joined.length > Math.max(word.length, list[k + 1].length)) {
        found.push(concept(joined, idx, word + " " + list[k + 1]))
        k++
        continue
      }
      const term = latinTerm(word, idx)
      if (term) {
        found.push(concept(term, idx, word))
        continue
      }
      const split = splitLatin(word, idx)
      if (split.length) {
        found.push(...split.map(t => concept(t, idx)))
        continue
      }
      const typos = typoTerms(word, idx)
      if (typos.length) {
        found.push(typoConcept(typos, word, idx))
        continue
      }
    }
    if (word.length >= (HANGUL.test(word) ? 1 : 3)) {  /* typing in progress */
      const terms = [...idx.vocabulary].filter(t => t.startsWith(word))
      if (terms.length)
        found.push({ terms, label: word, typed: terms })
    }
  }
  return found
}

function typoConcept(typos, label, idx) {
  return { terms: [...new Set(typos.flatMap(t => idx.synonyms.get(t) || [t]))], label, typed: typos }
}

/* Two terms of 3+ letters that a reader ran together (cashout -> cash + out), or []. */
function splitLatin(word, idx) {
  for (let cut = 3; cut <= word.length - 3; cut++) {
    const head = word.slice(0, cut)
    const tail = latinTerm(word.slice(cut), idx)
    if (idx.vocabulary.has(head) && tail)
      return [head, tail]
  }
  return []
}

/* A synonym counts this much of the word the reader typed (or its correction). */
const OTHER_WORD = 0.8

function search(idx, query) {
  const wanted = read(query, idx).slice(0, 30)  /* one bit per concept below */
  const total = words(query).length
  if (!wanted.length)
    return { items: [] }

  const scores = new Float64Array(idx.docs.length)
  const matched = new Int32Array(idx.docs.length)  /* bit k: concept k matched */
  wanted.forEach((concept, k) => {
    const best = new Map()
    for (const term of concept.terms) {
      const factor = concept.typed.includes(term) ? 1 : OTHER_WORD
      for (const [doc, weight] of idx.terms[term] || [])
        best.set(doc, Math.max(best.get(doc) || 0, weight * factor))
    }
    for (const [doc, weight] of best) {
      scores[doc] += weight
      matched[doc] |= 1 << k
    }
  })

  /* Coordination: a section matching more of the query ranks higher. */
  const ranked = []
  for (let doc = 0; doc < scores.length; doc++)
    if (matched[doc])
      ranked.push({ doc, score: scores[doc] * bits(matched[doc]) / wanted.length })
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc)

  /* Group by page, pages in the order of their best section (Material's result layout). */
  const groups = new Map()
  for (const { doc, score } of ranked.slice(0, MAX_SECTIONS)) {
    const item = idx.docs[doc]
    const page = item.location.split("#")[0]
    const terms = {}
    wanted.forEach((concept, k) => { if (matched[doc] & 1 << k) terms[concept.label] = true })
    if (!groups.has(page))
      groups.set(page, [])
    groups.get(page).push({ ...item, score, terms })
  }
  for (const [page, items] of groups)
    if (!items.some(item => item.location === page)) {
      const parent = idx.pages.get(page)
      items.push({ ...(parent || { location: page, title: page, text: "" }), score: 0, terms: {} })
    }
  return { items: [...groups.values()], total }
}

/* Sections shown at most: the best of a large site's thousands of partial matches. */
const MAX_SECTIONS = 100

function bits(mask) {
  let n = 0
  for (; mask; mask &= mask - 1)
    n++
  return n
}

addEventListener("message", async ev => {
  const message = ev.data
  switch (message.type) {
    case 0: /* SETUP: the theme's own index is a stub; ours loads at the first query */
      postMessage({ type: 1 })
      break
    case 2: { /* QUERY */
      try {
        if (!words(message.data).length) { /* the theme asks once at start-up: load nothing */
          postMessage({ type: 3, data: { items: [] } })
          break
        }
        const idx = await load()
        postMessage({ type: 3, data: search(idx, message.data) })
      } catch (err) {
        console.warn(err)
        postMessage({ type: 3, data: { items: [] } })
      }
      break
    }
  }
})
