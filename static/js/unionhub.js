// Behaviour every page shares, kept out of the templates so that the Content-Security-Policy
// can refuse inline scripts and event-handler attributes.
(function () {
  "use strict";

  // Ask before any destructive or irreversible action marked with data-confirm.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });

  document.addEventListener("click", function (e) {
    if (!(e.target instanceof Element)) return;
    // <button data-print>: print the page.
    if (e.target.closest("[data-print]")) { window.print(); return; }
    // <button data-remove-on-click hx-get=...>: a one-time control (htmx has already sent its
    // request, the element's own listener running before this one on the document).
    var once = e.target.closest("[data-remove-on-click]");
    if (once) { once.remove(); }
  });
})();
