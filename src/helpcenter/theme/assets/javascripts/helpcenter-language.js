/*
 * Language selector: keep the reader's place. The selector's links lead to the same page in the
 * other language (mkdocs-static-i18n); a question has the same anchor (its id) in every language,
 * so the current #anchor is carried over, also when it changes while reading.
 *
 * Loaded (deferred) before the theme's bundle, because it also resolves a conflict with the theme:
 * Material for MkDocs (integrations/alternate) fetches "<URL of each hreflang link>/sitemap.xml"
 * on every page and, on a click on a link to an alternate, navigates to that URL itself, dropping
 * the #anchor. With per-page hreflang URLs those sitemaps do not exist (404s on every page), and
 * our selector links are already exact. So: those requests get an empty sitemap at once, without
 * the network (what the theme does with a missing one, minus the 404; before, three downloads and
 * parses of the whole sitemap on every page load), and selector clicks are not handed to the theme.
 * The theme's other reader of sitemap.xml, instant navigation, is not enabled (mkdocs.yml).
 */
(function () {
  "use strict"
  var empty = "data:application/xml," +
    encodeURIComponent('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
  var open = XMLHttpRequest.prototype.open
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments)
    if (/\/sitemap\.xml$/.test(new URL(String(url), location.href).pathname))
      args[1] = empty
    return open.apply(this, args)
  }

  function update() {
    var links = document.querySelectorAll(".md-select__link[hreflang]")
    for (var i = 0; i < links.length; i++) {
      var link = links[i]
      var href = link.getAttribute("href").split("#")[0]
      link.setAttribute("href", href + location.hash)
    }
  }
  addEventListener("hashchange", update)
  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element && ev.target.closest(".md-select__link[hreflang]")
    if (link) {
      update()
      ev.stopPropagation()  // the browser follows the link; the theme does not redirect it
    }
  }, true)
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", update)
  else
    update()
})()
