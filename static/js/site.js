/* Small enhancements; every page works without them. */
(function () {
  "use strict";
  var root = document.documentElement;

  // Light/dark toggle: remembers the choice; without a choice, follows the system setting.
  var toggle = document.querySelector(".theme-toggle");
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function current() { return root.getAttribute("data-theme") || (system.matches ? "dark" : "light"); }
  function sync() { if (toggle) toggle.setAttribute("aria-pressed", String(current() === "dark")); }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("theme", next); } catch (e) { /* not saved; still applied */ }
      sync();
    });
    if (system.addEventListener) system.addEventListener("change", sync);
    sync();
  }

  // Topics menu: Escape or a click elsewhere closes it.
  var topics = document.querySelector(".topics");
  if (topics) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && topics.open) {
        topics.open = false;
        topics.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (topics.open && !topics.contains(event.target)) topics.open = false;
    });
  }

  // Table of contents: mark the section being read.
  var links = [].slice.call(document.querySelectorAll(".toc a[href^='#']"));
  var sections = links.map(function (link) { return document.getElementById(decodeURIComponent(link.hash.slice(1))); });
  var pending = false;
  function markSection() {
    pending = false;
    var current = -1;
    sections.forEach(function (heading, index) {
      if (heading && heading.getBoundingClientRect().top < 120) current = index;
    });
    links.forEach(function (link, index) {
      if (index === current) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }
  if (links.length) {
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(markSection); }
    }, { passive: true });
    markSection();
  }

  // Printing: show full addresses of internal links, and open the chart data tables.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".content a[href]:not(.term):not(.headerlink)").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href && href.charAt(0) !== "#" && !/^[a-z]+:/i.test(href)) link.setAttribute("data-print-url", link.href);
    });
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
