/* Pressing "/" anywhere outside a form field focuses the search box: the page's own, or the header's. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById("search-query") || document.getElementById("site-search-query");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
})();
