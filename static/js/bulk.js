(function () {
  "use strict";
  // The registry's selection bar (issue 24): «select all on this page» ticks every row's box,
  // and the bar tells how many rows are ticked. Without JavaScript the boxes work one by one.
  function rows() { return document.querySelectorAll("input.bulk-row"); }
  function update() {
    var ticked = 0;
    rows().forEach(function (box) { if (box.checked) { ticked += 1; } });
    var counter = document.getElementById("bulk-count");
    if (counter) { counter.textContent = ticked; }
    var all = document.getElementById("bulk-all");
    if (all) { all.checked = ticked > 0 && ticked === rows().length; }
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "bulk-all") {
      rows().forEach(function (box) { box.checked = target.checked; });
    }
    if (target.id === "bulk-all" || (target.classList && target.classList.contains("bulk-row"))) {
      update();
    }
  });
  document.addEventListener("DOMContentLoaded", update);
})();
