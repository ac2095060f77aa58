// The portal's small behaviours. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";
  // Forms marked data-confirm ask before submitting (e.g. irreversible decisions).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // A table that scrolls sideways (on a phone) must be reachable with the keyboard.
  function focusableScrollers() {
    document.querySelectorAll(".table-responsive").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
  document.addEventListener("htmx:afterSettle", focusableScrollers);
})();
