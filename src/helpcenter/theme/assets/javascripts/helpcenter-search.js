/*
 * Search worker for Material for MkDocs' search dialog, one language per page.
 *
 * Material lets a site bring its own worker (the `search` URL in the page's #__config) as long as
 * it answers the same messages: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3) with
 * { items: SearchItem[][] } grouped by page. See
 * squidfunk/mkdocs-material src/templates/assets/javascripts/integrations/search/worker/_/index.ts
 *
 * The index (search/<lang>.json, built by src/helpcenter/site/search_index.py) holds the documents of
 * this page's language only, BM25 weights per term, the vocabulary and the writers' synonym
 * groups. A query is cut with the vocabulary: each word is matched from its start by the longest
 * term that begins it, then the rest of the word is matched the same way (Korean compounds), and
 * what remains is a particle or an ending (잔액이 -> 잔액, 해제하려면 -> 해제). A word that no
 * term begins is taken as the start of a term (typing in progress: 잔 -> 잔액).
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
  return { ...data, vocabulary, maxLength, synonyms }
}

/* Words of a query: lowercased, split at anything that is not a letter or a digit, and where
 * the script changes (WorldFirst에 -> worldfirst, 에). */
function words(query) {
  return query.toLowerCase().match(/[0-9a-z]+|[\uac00-\ud7a3]+|[\u4e00-\u9fff]+/g) || []
}

/* Terms of one word: [{ terms: [...], prefix: bool }], one per concept. */
function concepts(word, idx) {
  const found = []
  const hangul = /[\uac00-\ud7a3]/.test(word)
  let at = 0
  while (at < word.length) {
    let match = ""
    for (let end = Math.min(word.length, at + idx.maxLength); end > at; end--) {
      const part = word.slice(at, end)
      if (idx.vocabulary.has(part)) { match = part; break }
    }
    // Latin words: a stem must cover most of the word (refunded -> refund, not "re").
    if (match && !hangul && match.length < Math.min(3, word.length))
      match = ""
    if (match && !hangul && match.length < word.length - 4)
      match = ""
    if (!match)
      break
    found.push({ terms: idx.synonyms.get(match) || [match], label: match })
    if (!hangul)
      break
    at += match.length
  }
  if (!found.length && word.length >= (hangul ? 1 : 3)) {
    const terms = [...idx.vocabulary].filter(t => t.startsWith(word))
    if (terms.length)
      found.push({ terms, label: word })
  }
  return found
}

function search(idx, query) {
  const wanted = words(query).flatMap(word => concepts(word, idx))
  const total = words(query).length
  if (!wanted.length)
    return { items: [] }

  const scores = new Map()
  const matched = new Map()
  for (const concept of wanted) {
    const best = new Map()
    for (const term of concept.terms)
      for (const [doc, weight] of idx.terms[term] || [])
        best.set(doc, Math.max(best.get(doc) || 0, weight))
    for (const [doc, weight] of best) {
      scores.set(doc, (scores.get(doc) || 0) + weight)
      if (!matched.has(doc))
        matched.set(doc, new Set())
      matched.get(doc).add(concept.label)
    }
  }

  /* Coordination: a section matching more of the query ranks higher. */
  const ranked = [...scores]
    .map(([doc, score]) => {
      const share = matched.get(doc).size / Math.max(wanted.length, 1)
      return { doc, score: score * share * share }
    })
    .sort((a, b) => b.score - a.score || a.doc - b.doc)

  /* Group by page, pages in the order of their best section (Material's result layout). */
  const groups = new Map()
  for (const { doc, score } of ranked) {
    const item = idx.docs[doc]
    const page = item.location.split("#")[0]
    const terms = {}
    for (const label of matched.get(doc))
      terms[label] = true
    if (!groups.has(page))
      groups.set(page, [])
    groups.get(page).push({ ...item, score, terms })
  }
  for (const [page, items] of groups)
    if (!items.some(item => item.location === page)) {
      const parent = idx.docs.find(doc => doc.location === page)
      items.push({ ...(parent || { location: page, title: page, text: "" }), score: 0, terms: {} })
    }
  return { items: [...groups.values()], total }
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
