// "Tick the whole group": the heading's box follows its rows (ticked, unticked or mixed).
document.querySelectorAll("tbody[data-tick-group]").forEach(function (group) {
  var all = group.querySelector("input[data-tick-all]");
  var boxes = group.querySelectorAll("input[name=pick]");
  function sync() {
    var ticked = group.querySelectorAll("input[name=pick]:checked").length;
    all.checked = ticked > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }
  all.addEventListener("change", function () {
    boxes.forEach(function (box) {
      if (!box.closest("tr").hidden) box.checked = all.checked;
    });
    sync();
    document.dispatchEvent(new Event("change"));
  });
  group.addEventListener("change", function (event) { if (event.target !== all) sync(); });
  sync();
});
