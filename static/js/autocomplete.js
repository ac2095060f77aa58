// Selects marked data-autocomplete-url become search boxes (Tom Select, from npm). The page
// writes only the chosen option; as the person types, the rest comes from that URL
// (?q=<text> -> {"results": [{"value", "text"}]}, at most 20, already matched by the server).
// Without JavaScript the plain select still sends the chosen value.
(function () {
  "use strict";

  function setUp(select) {
    if (select.tomselect) {
      return;
    }
    var url = select.getAttribute("data-autocomplete-url");
    var text = function (name) { return select.getAttribute("data-" + name) || ""; };
    new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: 20,
      loadThrottle: 250,
      placeholder: text("placeholder"),
      plugins: {clear_button: {title: text("clear")}},
      // a multiple choice starts the next name afresh: the text typed for the last one goes
      onItemAdd: function () {
        if (select.multiple) {
          this.setTextboxValue("");
          this.close();
        }
      },
      // the server has matched every word in any of the names: show its answer as it is
      score: function () { return function () { return 1; }; },
      load: function (query, callback) {
        var self = this;
        fetch(url + "?q=" + encodeURIComponent(query), {
          headers: {"Accept": "application/json"}, credentials: "same-origin"
        }).then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        }).then(function (data) {
          self.clearOptions();  // keeps the chosen option; drops the answers to earlier text
          callback(data.results);
        }).catch(function () {
          callback();
        });
      },
      render: {
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(text("no-results")) + "</div>";
        },
        loading: function (data, escape) {
          return '<div class="spinner-border spinner-border-sm m-2" role="status">' +
            '<span class="visually-hidden">' + escape(text("loading")) + "</span></div>";
        }
      }
    });
    // Tom Select's input (labelled by the field's label) is the one combobox screen readers
    // meet; the select it hides only carries the value
    select.setAttribute("aria-hidden", "true");
  }

  function setUpAll(root) {
    root.querySelectorAll("select[data-autocomplete-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  } else {
    setUpAll(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { setUpAll(event.target); });
})();
