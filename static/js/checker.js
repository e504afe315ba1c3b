/* The intake checker: a life stage's daily amount and supplement limit, and a running total of the foods ticked.
   Every number comes from the JSON block the build writes from content/data; none is written here. */
(function () {
  "use strict";
  var holder = document.getElementById("checker");
  var block = holder && holder.querySelector(".checker-data");
  if (!block) return;
  var data;
  try { data = JSON.parse(block.textContent); } catch (e) { return; }
  var stages = data.stages || [], foods = data.foods || [];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }
  function add(parent) {
    [].slice.call(arguments, 1).forEach(function (child) { parent.appendChild(child); });
    return parent;
  }

  var form = el("form", { "class": "checker-form", "aria-labelledby": "checker-title" });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  add(form,
    el("h2", { id: "checker-title" }, "Check your own day"),
    el("p", {}, "Choose a life stage to see its daily amount and the supplement limit, then tick the foods you ate."));

  var select = el("select", { id: "checker-stage" });
  add(select, el("option", { value: "" }, "Choose a life stage"));
  stages.forEach(function (stage, index) { add(select, el("option", { value: String(index) }, stage[0])); });
  add(form, add(el("p", { "class": "checker-field" }), el("label", { "for": "checker-stage" }, "Life stage"), select));
  var need = el("p", { id: "checker-need", "class": "checker-result", "aria-live": "polite" });
  add(form, need);

  var list = el("ul", { "class": "checker-foods" });
  var rows = foods.map(function (food, index) {
    var box = el("input", { type: "checkbox", id: "checker-food-" + index });
    var count = el("input", {
      type: "number", id: "checker-servings-" + index, min: "0.5", max: "20", step: "0.5", value: "1", inputmode: "decimal"
    });
    var servings = add(el("span", { "class": "checker-servings" }),
      add(el("label", { "for": count.id }, "Servings"), el("span", { "class": "visually-hidden" }, " of " + food[0])), count);
    servings.hidden = true;
    add(list, add(el("li"),
      add(el("label", { "for": box.id }), box, document.createTextNode(" " + food[0] + " (" + food[1] + ", " + food[2] + " mg)")),
      servings));
    box.addEventListener("change", function () { servings.hidden = !box.checked; update(); });
    count.addEventListener("input", update);
    return { box: box, count: count, mg: food[2] };
  });
  var total = el("p", { id: "checker-total", "class": "checker-result", "aria-live": "polite" });
  add(form, total, add(el("fieldset"), el("legend", {}, "Foods you ate"), list));
  add(form, el("p", { "class": "checker-note" },
    "The upper limit concerns magnesium from supplements and medicines, not from food. " +
    "This checker is for learning only and is not medical advice."));

  function stage() { return select.value === "" ? null : stages[Number(select.value)]; }
  function showNeed() {
    var chosen = stage();
    if (!chosen) { need.textContent = ""; return; }
    need.textContent = "Daily amount: " + chosen[1] + " mg (" + chosen[2] + "). " + (chosen[3] === null
      ? "No upper limit for supplements is set at this age."
      : "Upper limit from supplements and medicines: " + chosen[3] + " mg a day.");
  }
  function update() {
    var sum = 0, ticked = 0;
    rows.forEach(function (row) {
      var servings = Number(row.count.value);
      if (row.box.checked && servings > 0) { sum += row.mg * servings; ticked += 1; }
    });
    sum = Math.round(sum);
    var chosen = stage();
    if (!ticked) { total.textContent = "No foods ticked yet."; return; }
    total.textContent = "Foods ticked: " + sum + " mg" + (chosen
      ? ", " + Math.round(100 * sum / chosen[1]) + "% of the daily amount of " + chosen[1] + " mg."
      : ". Choose a life stage to compare it with a daily amount.");
  }
  select.addEventListener("change", function () { showNeed(); update(); });

  holder.insertBefore(form, block);
  holder.hidden = false;
  update();
})();
