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

  // Glossary terms: a tap, click or Enter shows the definition in place; again, Escape or a tap elsewhere
  // hides it. One is open at a time. Without JavaScript a term stays a link to its glossary entry.
  var closeOpen = null;
  document.addEventListener("click", function (event) {
    var def = event.target.closest && event.target.closest(".term-def, a.term");
    if (closeOpen && !def) closeOpen();
  });
  document.querySelectorAll("a.term[title]").forEach(function (term, index) {
    var box = null;
    function show(open) {
      if (box) box.remove();
      box = null;
      if (closeOpen === hide) closeOpen = null;
      if (open) {
        if (closeOpen) closeOpen();
        closeOpen = hide;
        box = document.createElement("span");
        box.className = "term-def";
        box.id = "term-def-" + index;
        box.textContent = term.title;
        var more = box.appendChild(document.createElement("a"));
        more.href = term.getAttribute("href");
        more.textContent = "Glossary";
        term.setAttribute("aria-controls", box.id);
        term.after(box);
      }
      term.setAttribute("aria-expanded", String(open));
    }
    function hide() { show(false); }
    show(false);
    term.addEventListener("click", function (event) { event.preventDefault(); show(!box); });
    term.addEventListener("keydown", function (event) { if (event.key === "Escape") show(false); });
  });

  // A table wider than the screen scrolls in its own box, which the keyboard can then reach.
  function markScrolling() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var caption = wrap.querySelector("caption");
      var wide = caption && wrap.scrollWidth > wrap.clientWidth + 1;
      [["tabindex", "0"], ["role", "region"], ["aria-label", caption && caption.firstChild.textContent.trim()]]
        .forEach(function (pair) { if (wide) wrap.setAttribute(pair[0], pair[1]); else wrap.removeAttribute(pair[0]); });
    });
  }
  markScrolling();
  window.addEventListener("resize", markScrolling);

  // The address a reader cites and prints is the one the page was read at.
  var here = /^https?:$/.test(location.protocol) && location.href.split(/[?#]/)[0];
  if (here) document.querySelectorAll(".cite-url, .page-url").forEach(function (shown) { shown.textContent = here; });

  var print = document.querySelector(".print-button");
  if (print) print.addEventListener("click", function () { window.print(); });

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
