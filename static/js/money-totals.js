// Live totals of the money typed into a grid or a budget, shown as 16.050.000đ.
(function () {
  "use strict";

  function parse(v) {
    v = v.trim().replace(/\s*(đồng|đ|vnđ|vnd)\s*$/i, "").replace(/[.\s]/g, "");
    return /^\d+$/.test(v) ? parseInt(v, 10) : 0;
  }
  function show(n) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "đ"; }

  // Dues and drive grids: one total of every cell; in the dues grid, a space in an empty cell
  // fills in the expected amount.
  [["dues-grid", "dues-total", ".dues-cell"], ["drive-grid", "drive-total", ".drive-cell"]]
    .forEach(function (ids) {
      var form = document.getElementById(ids[0]), out = document.getElementById(ids[1]);
      if (!form || !out) return;
      function update() {
        var total = 0;
        form.querySelectorAll(ids[2]).forEach(function (i) { total += parse(i.value); });
        out.textContent = show(total);
      }
      form.addEventListener("input", update);
      form.addEventListener("keydown", function (e) {
        var i = e.target;
        if (e.key === " " && i.dataset.expected !== undefined && !i.value) {
          e.preventDefault(); i.value = i.dataset.expected; update();
        }
      });
      update();
    });

  // The budget: totals per heading and per flow (income, spending).
  var budget = document.getElementById("budget-form");
  if (budget) {
    budget.addEventListener("input", function () {
      var heads = {}, flows = {};
      budget.querySelectorAll("input[data-head]").forEach(function (i) {
        var n = parse(i.value.replace(/,/g, ""));
        heads[i.dataset.head] = (heads[i.dataset.head] || 0) + n;
        flows[i.dataset.flow] = (flows[i.dataset.flow] || 0) + n;
      });
      budget.querySelectorAll("[data-head-total]").forEach(function (c) { c.textContent = show(heads[c.dataset.headTotal] || 0); });
      budget.querySelectorAll("[data-flow-total]").forEach(function (c) { c.textContent = show(flows[c.dataset.flowTotal] || 0); });
    });
  }
})();
