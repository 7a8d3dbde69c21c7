/*
 * Old question addresses keep working. A question's anchor is its id on whatever FAQ page shows
 * it; when a question moves (to another category, or when the FAQ is split into category
 * pages), an old "page#id" address lands on a page without that id, or on the 404 page. Then
 * this script reads faq-anchors.json ({language: {id: page}}, written at build time) and
 * replaces the address with the question's current page in the page's language. Nothing is
 * fetched otherwise.
 */
(function () {
  "use strict"
  var id = decodeURIComponent(location.hash.slice(1))
  var config = document.querySelector("#__config")
  if (!id || !config || document.getElementById(id)) return
  // the theme's base: relative on pages ("../.."), absolute on the 404 page ("/help/")
  var root = new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location.href)
  var lang = document.documentElement.lang
  fetch(new URL("faq-anchors.json", root))
    .then(function (response) { return response.ok ? response.json() : {} })
    .then(function (anchors) {
      var pages = anchors[lang] || {}
      if (Object.prototype.hasOwnProperty.call(pages, id))
        location.replace(new URL(pages[id] + "#" + encodeURIComponent(id), root).href)
    })
    .catch(function () {})
})()
