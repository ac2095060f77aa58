// The portal's small behaviours. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";
  // Forms marked data-confirm ask before submitting (e.g. irreversible decisions).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      return;
    }
    // a select marked data-omit-empty is left out of the address while nothing is chosen
    // (the dashboard's call: «?year=2022», not «?year=2022&call=»)
    event.target.querySelectorAll("select[data-omit-empty]").forEach(function (select) {
      if (!select.value) { select.disabled = true; }
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("select[data-omit-empty]").forEach(function (select) {
      select.disabled = false;
    });
  });

  // A select marked data-autosubmit sends its form when changed (the period of a dashboard);
  // the form keeps its own submit button for those without JavaScript.
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
      event.target.form.requestSubmit();
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
