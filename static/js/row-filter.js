// A search box that hides the table rows not containing what is typed
// (<input data-row-filter="#table">; rows carry data-filter-text, groups are
// <tbody data-filter-group> with a heading row), and a live count of ticked boxes.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  document.querySelectorAll("input[data-row-filter]").forEach(function (box) {
    var table = document.querySelector(box.dataset.rowFilter);
    if (!table) return;
    var rows = Array.prototype.map.call(
      table.querySelectorAll("tr[data-filter-text]"),
      function (row) { return { row: row, text: fold(row.dataset.filterText) }; }
    );
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      rows.forEach(function (item) {
        // Ticked rows stay visible, so that a filter never hides what will be saved.
        var ticked = item.row.querySelector("input[type=checkbox]:checked");
        var match = words.every(function (w) { return item.text.indexOf(w) !== -1; });
        item.row.hidden = !(match || ticked);
      });
      table.querySelectorAll("tbody[data-filter-group]").forEach(function (group) {
        var shown = group.querySelector("tr[data-filter-text]:not([hidden])");
        group.querySelector("tr[data-filter-heading]").hidden = !shown;
      });
    });
  });

  var counter = document.querySelector("[data-picked-count]");
  if (counter) {
    var update = function () {
      counter.textContent = document.querySelectorAll("input[name=pick]:checked").length;
    };
    document.addEventListener("change", update);
    update();
  }
})();
