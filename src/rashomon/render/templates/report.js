// Highlight every fragment of the mark a link jumps to (overlapping spans split a mark in pieces).
(function () {
  "use strict";
  function highlight() {
    document.querySelectorAll("mark.hit").forEach(function (m) { m.classList.remove("hit"); });
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* a malformed %-escape: match it as written */ }
    if (!id) { return; }
    document.querySelectorAll("mark[data-part-of]").forEach(function (m) {
      if (m.getAttribute("data-part-of") === id) { m.classList.add("hit"); }
    });
  }
  window.addEventListener("hashchange", highlight);
  highlight();
  document.documentElement.setAttribute("data-report-ready", "yes");
})();
