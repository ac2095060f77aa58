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
})();
