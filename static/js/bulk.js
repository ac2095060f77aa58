(function () {
  "use strict";
  // The selection bars of lists of initiatives (issue 24): «select all on this page» ticks every
  // row's box of its bar, and the bar tells how many rows are ticked. A page may hold several
  // bars (the home page of a person with two roles): a row's box names its bar's form.
  // Without JavaScript the boxes work one by one.
  function rowsOf(formId) {
    return document.querySelectorAll('input.bulk-row[form="' + formId + '"]');
  }
  function update(form) {
    if (!form) { return; }
    var boxes = rowsOf(form.id);
    var ticked = 0;
    boxes.forEach(function (box) { if (box.checked) { ticked += 1; } });
    var counter = form.querySelector("[data-bulk-count]");
    if (counter) { counter.textContent = ticked; }
    document.querySelectorAll('input[data-bulk-all="' + form.id + '"]').forEach(function (all) {
      all.checked = ticked > 0 && ticked === boxes.length;
    });
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    var all = target.getAttribute && target.getAttribute("data-bulk-all");
    if (all) {
      rowsOf(all).forEach(function (box) { box.checked = target.checked; });
      update(document.getElementById(all));
    } else if (target.classList && target.classList.contains("bulk-row")) {
      update(document.getElementById(target.getAttribute("form")));
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-bulk]").forEach(update);
  });
})();
