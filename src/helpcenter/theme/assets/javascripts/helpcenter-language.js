/*
 * Language selector: keep the reader's place. The selector's links lead to the same page in the
 * other language (mkdocs-static-i18n); a question has the same anchor (its id) in every language,
 * so the current #anchor is carried over, also when it changes while reading.
 *
 * Loaded before the theme's bundle, because it also resolves a conflict with the theme:
 * Material for MkDocs (integrations/alternate) fetches "<URL of each hreflang link>/sitemap.xml"
 * on every page and, on a click on a link to an alternate, navigates to that URL itself, dropping
 * the #anchor. With per-page hreflang URLs those sitemaps do not exist (404s on every page), and
 * our selector links are already exact. So: such sitemap requests go to the site's one sitemap,
 * and selector clicks are not handed to the theme.
 */
(function () {
  "use strict"
  var config = document.querySelector("#__config")
  var root = config ?
    new URL(JSON.parse(config.textContent).base + "/sitemap.xml", location.href).href : ""
  var open = XMLHttpRequest.prototype.open
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments)
    var target = new URL(String(url), location.href)
    if (root && /\/sitemap\.xml$/.test(target.pathname) && target.href !== root)
      args[1] = root  // this site's one sitemap, not a 404 per alternate page
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
