/* The intake checker: a life stage's daily amount and supplement limit, and a running total of the foods ticked.
   Every number comes from the JSON block the build writes from content/data; none is written here. */
(function () {
  "use strict";
  var holder = document.getElementById("checker");
  var block = holder && holder.querySelector(".checker-data");
  if (!block) return;
  var data = JSON.parse(block.textContent), stages = [];
  data.stages.forEach(function (group) { // [age group, kind, [[who, amount, limit], ...]]
    group[2].forEach(function (one) { stages.push([group[0] + ", " + one[0], one[1], group[1], one[2]]); });
  });
  // No limit could be set for babies (not "no limit"), and a limit is never a dose: said next to every limit.
  var BABIES = "No upper limit could be set for babies. Babies should get magnesium only from breast milk, " +
    "formula and food. Do not give a baby a magnesium supplement unless a doctor advises it.";
  var CAUTION = "The limit is not a target or a dose. If you have kidney disease, or you are choosing a " +
    "supplement for a child, ask a doctor or pharmacist first: the limit does not apply to you. " +
    "If a doctor has prescribed more, do not stop it without asking them.";
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  var form = document.createElement("form");
  form.setAttribute("aria-labelledby", "checker-title");
  form.innerHTML = '<h2 id="checker-title">Check your own day</h2>' +
    "<p>Choose a life stage to see its daily amount and the supplement limit, then tick the foods you ate.</p>" +
    '<p><label for="checker-stage">Life stage</label><select id="checker-stage">' +
    '<option value="">Choose a life stage</option>' + stages.map(function (stage, i) {
      return '<option value="' + i + '">' + esc(stage[0]) + "</option>";
    }).join("") + "</select></p>" +
    '<p id="checker-need" class="checker-result" aria-live="polite"></p>' +
    '<p id="checker-caution" class="checker-caution" hidden></p>' +
    '<p id="checker-total" class="checker-result" aria-live="polite"></p>' +
    '<fieldset><legend>Foods you ate</legend><ul class="checker-foods">' + data.foods.map(function (food, i) {
      return '<li><label><input type="checkbox" id="checker-food-' + i + '"> ' +
        esc(food[0] + " (" + food[1] + ", " + food[2] + " mg)") + '</label><span class="checker-servings" hidden>' +
        '<label for="checker-servings-' + i + '">Servings<span class="visually-hidden"> of ' + esc(food[0]) +
        '</span></label><input type="number" id="checker-servings-' + i +
        '" min="0.5" max="20" step="0.5" value="1" inputmode="decimal"></span></li>';
    }).join("") + "</ul></fieldset>" +
    '<p class="checker-note">The upper limit concerns magnesium from supplements and medicines, not from food. ' +
    "This checker is for learning only and is not medical advice.</p>";

  var select = form.querySelector("select");
  var need = form.querySelector("#checker-need");
  var caution = form.querySelector("#checker-caution");
  var total = form.querySelector("#checker-total");
  function update() {
    var chosen = stages[select.value], sum = 0, ticked = 0;
    data.foods.forEach(function (food, i) {
      var servings = Number(form.querySelector("#checker-servings-" + i).value);
      if (form.querySelector("#checker-food-" + i).checked && servings > 0) { sum += food[2] * servings; ticked += 1; }
    });
    sum = Math.round(sum);
    total.textContent = !ticked ? "No foods ticked yet." : "Foods ticked: " + sum + " mg" + (chosen
      ? ", " + Math.round(100 * sum / chosen[1]) + "% of the daily amount of " + chosen[1] + " mg."
      : ". Choose a life stage to compare it with a daily amount.");
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", update);
  form.addEventListener("change", function (event) {
    var target = event.target, chosen = stages[select.value];
    if (target.type === "checkbox") target.parentNode.nextSibling.hidden = !target.checked;
    if (target === select) {
      need.textContent = !chosen ? "" : "Daily amount: " + chosen[1] + " mg (" + chosen[2] + "). " +
        (chosen[3] === null ? BABIES : "Upper limit from supplements and medicines: " + chosen[3] + " mg a day.");
      caution.textContent = chosen && chosen[3] !== null ? CAUTION : "";
      caution.hidden = !caution.textContent;
    }
    update();
  });
  holder.insertBefore(form, block);
  holder.hidden = false;
  update();
})();
