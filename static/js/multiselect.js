// Selects marked data-multiselect (a few fixed options, e.g. the states of a list's filter)
// become a box of chosen tags with a drop-down (Tom Select, from npm). Without JavaScript the
// list box still sends the chosen values.
(function () {
  "use strict";

  function setUp(select) {
    if (select.tomselect) {
      return;
    }
    new TomSelect(select, {
      maxOptions: null,
      hidePlaceholder: true,
      placeholder: select.getAttribute("data-placeholder") || "",
      plugins: {remove_button: {title: select.getAttribute("data-remove") || ""}}
    });
    // Tom Select's input (labelled by the field's label) is the one combobox screen readers
    // meet; the select it hides only carries the values
    select.setAttribute("aria-hidden", "true");
  }

  function setUpAll(root) {
    root.querySelectorAll("select[data-multiselect]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  } else {
    setUpAll(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { setUpAll(event.target); });
})();
