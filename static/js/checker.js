/* The intake checker: a life stage's daily amount and supplement limit, what supplements and medicines add, and a
   running total of the foods ticked. Numbers and wording come from the JSON block the build writes from
   content/data (checker-text.yaml holds the words, each read here by its row id, in the page's language); only
   the input bounds are written here. */
(function () {
  "use strict";
  var holder = document.getElementById("checker");
  var block = holder && holder.querySelector(".checker-data");
  if (!block) return;
  var data = JSON.parse(block.textContent), stages = [], products = data.products || [], text = data.text || {};
  /* stages: [age group, kind, [[who, amount, limit], ...], young child?]; the inputs accept only these bounds */
  var pregnant = data.pregnant || [];
  data.stages.forEach(function (group) {
    group[2].forEach(function (one) {
      stages.push([group[0] + ", " + one[0], one[1], group[1], one[2], group[3], pregnant.indexOf(one[0]) >= 0]);
    });
  });
  var SERVINGS = [0.5, 20], SUPPLEMENT = [0, 5000], lang = document.documentElement.lang || "en";
  /* a wording by its row id, each {name} filled with its value */
  function T(id, values) {
    return (text[id] || "").replace(/\{([a-z]+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }
  function num(value) { return Number(value).toLocaleString(lang); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function within(v, range) { return v !== "" && !isNaN(v) && v >= range[0] && v <= range[1]; }
  function options(list, label) {
    return list.map(function (item, i) { return '<option value="' + i + '">' + esc(label(item)) + "</option>"; }).join("");
  }
  function note(id, hidden) {
    return '<p id="checker-' + id + '" class="checker-note"' + (hidden ? " hidden" : "") + ">" + esc(T(id)) + "</p>";
  }
  /* the heading just above the checker names the form, so "On this page" leads straight to it */
  var heading = holder.previousElementSibling;
  while (heading && !/^H[2-4]$/.test(heading.tagName)) heading = heading.previousElementSibling;

  var form = document.createElement("form");
  form.setAttribute("aria-labelledby", heading ? heading.id : "");
  form.innerHTML =
    '<p><label for="checker-stage">' + esc(T("ui-stage")) + '</label><select id="checker-stage"><option value="">' +
    esc(T("ui-stage-choose")) + "</option>" + options(stages, function (s) { return s[0]; }) + "</select></p>" +
    '<p id="checker-need" class="checker-result" aria-live="polite"></p>' +
    '<p id="checker-caution" class="checker-caution" hidden></p>' +
    '<fieldset class="checker-supplements"><legend>' + esc(T("ui-supplements")) + "</legend>" +
    '<p><label for="checker-product">' + esc(T("ui-product")) + '</label><select id="checker-product">' +
    '<option value="">' + esc(T("ui-product-none")) + "</option>" +
    options(products, function (p) { return T("ui-product-option", { product: p[0], dose: p[1], amount: p[2] }); }) +
    "</select></p>" +
    '<p><label for="checker-supplement">' + esc(T("ui-supplement")) + '</label><input type="number" id="checker-supplement" min="' + SUPPLEMENT[0] + '" max="' + SUPPLEMENT[1] +
    '" step="1" value="0" inputmode="numeric"></p>' +
    '<p id="checker-supplement-result" class="checker-caution" aria-live="polite"></p>' + note("laxative") +
    "</fieldset><fieldset><legend>" + esc(T("ui-foods")) + "</legend>" + note("young", true) +
    '<ul class="checker-foods">' +
    data.foods.map(function (food, i) {
      return '<li><label><input type="checkbox" id="checker-food-' + i + '"> ' +
        esc(T("ui-food-option", { food: food[0], serving: food[1], amount: food[2] })) +
        '</label><span class="checker-servings" hidden><label for="checker-servings-' + i + '">' +
        esc(T("ui-servings")) + '<span class="visually-hidden"> ' + esc(T("ui-servings-of", { food: food[0] })) +
        '</span></label><input type="number" id="checker-servings-' + i + '" min="' + SERVINGS[0] + '" max="' +
        SERVINGS[1] + '" step="0.5" value="1" inputmode="decimal"></span></li>';
    }).join("") + "</ul></fieldset>" +
    '<p id="checker-total" class="checker-result checker-summary" aria-live="polite"></p>' +
    note("other-foods") + note("not-advice");

  function $(id) { return form.querySelector("#checker-" + id); }
  var select = $("stage"), product = $("product"), supplement = $("supplement");
  function mark(input, ok) {
    if (ok) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
  }
  function foodTotal(chosen) {
    var sum = 0, ticked = 0, wrong = [];
    data.foods.forEach(function (food, i) {
      var box = $("food-" + i), input = $("servings-" + i), shown = !(food[3] && chosen && chosen[4]);
      var ok = within(input.value, SERVINGS);
      box.closest("li").hidden = !shown;
      mark(input, ok || !box.checked);
      if (!shown || !box.checked) return;
      if (!ok) wrong.push(food[0]);
      else { sum += food[2] * Number(input.value); ticked += 1; }
    });
    if (wrong.length) {
      return T("ui-servings-wrong", { foods: wrong.join(", "), min: num(SERVINGS[0]), max: num(SERVINGS[1]) });
    }
    sum = Math.round(sum);
    if (!ticked) return T("ui-foods-none");
    return chosen
      ? T("ui-foods-share", { sum: sum, percent: Math.round(100 * sum / chosen[1]), amount: chosen[1] })
      : T("ui-foods-no-stage", { sum: sum });
  }
  function supplementResult(chosen) {
    var ok = within(supplement.value, SUPPLEMENT), amount = Number(supplement.value), limit = chosen && chosen[3];
    mark(supplement, ok);
    if (!ok) return T("ui-supplement-wrong", { min: SUPPLEMENT[0], max: SUPPLEMENT[1] });
    if (!amount) return "";
    if (!chosen) return T("ui-supplement-no-stage", { amount: amount });
    if (limit === null) return T("ui-supplement-said", { amount: amount }) + " " + T("baby-supplement");
    return T(amount > limit ? "ui-supplement-above" : "ui-supplement-within", { amount: amount, limit: limit }) +
      " " + T(amount > limit ? "above" : "within");
  }
  function update() {
    var chosen = stages[select.value];
    $("young").hidden = !(chosen && chosen[4]);
    $("total").textContent = foodTotal(chosen);
    $("supplement-result").textContent = supplementResult(chosen);
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", update);
  form.addEventListener("change", function (event) {
    var target = event.target, chosen = stages[select.value], caution = $("caution");
    if (target.type === "checkbox") target.parentNode.nextSibling.hidden = !target.checked;
    if (target === product && products[product.value]) supplement.value = products[product.value][2];
    if (target === select) {
      /* no limit could be set for babies (not "no limit"), and every limit is said not to be a dose */
      $("need").textContent = !chosen ? "" : T("ui-need", { amount: chosen[1], kind: chosen[2] }) + " " +
        (chosen[3] === null ? T("babies") : T("ui-limit", { limit: chosen[3] }));
      caution.textContent = chosen && chosen[3] !== null
        ? T("caution") + (chosen[5] ? " " + T("pregnant") : "") : "";
      caution.hidden = !caution.textContent;
    }
    update();
  });
  holder.insertBefore(form, block);
  holder.hidden = false;
  update();
})();
