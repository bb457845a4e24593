(function () {
  "use strict";
  // The ticked authors' names and count above the list, which may be scrolled far away.
  var boxes = document.querySelectorAll("input[name=authors]");
  var count = document.querySelector("[data-author-count]");
  var names = document.querySelector("[data-author-names]");
  var namesBox = document.querySelector("[data-author-names-box]");
  function update() {
    var picked = Array.prototype.filter.call(boxes, function (b) { return b.checked; });
    count.textContent = picked.length;
    names.textContent = picked.map(function (b) { return b.dataset.name; }).join(", ");
    namesBox.hidden = picked.length === 0;
  }
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  update();
  // The level of recognition only means something for a recognised initiative.
  var status = document.getElementById("id_status");
  var level = document.getElementById("id_level");
  if (status && level) {
    var recognised = function () { return status.value === "recognised"; };
    status.addEventListener("change", function () {
      level.disabled = !recognised();
      if (!recognised()) level.value = "";
    });
    // A level entered with another status stays visible next to its error.
    level.disabled = !recognised() && !level.value;
  }
})();
