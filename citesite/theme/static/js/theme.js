/* Runs before the page is painted: applies the reader's saved light/dark choice, marks that JavaScript works. */
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = localStorage.getItem("theme");
    if (theme === "dark" || theme === "light") root.setAttribute("data-theme", theme);
  } catch (e) { /* storage blocked: follow the system setting */ }
})();
