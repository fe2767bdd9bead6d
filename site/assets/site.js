// DynamicGraphs site behaviour: theme toggle, code tabs, copy buttons, search.
// When everything is set up, <html data-ready="1"> is set (the browser check waits for it);
// any uncaught error sets data-script-error.
(function () {
  "use strict";
  var root = document.documentElement;

  window.addEventListener("error", function (event) {
    root.dataset.scriptError = String(event.message || "error");
  });

  function setupTheme() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    button.addEventListener("click", function () {
      var current = root.dataset.theme ||
        (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
      var next = current === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("lessons-theme", next); } catch (e) { /* not saved */ }
    });
  }

  function setupTabs() {
    document.querySelectorAll(".code-block[data-tabs]").forEach(function (block) {
      var tabs = block.querySelectorAll(".tab");
      tabs.forEach(function (tab) {
        tab.setAttribute("tabindex", "0");
        function select() {
          var name = tab.dataset.tab;
          tabs.forEach(function (t) {
            t.classList.toggle("active", t === tab);
            t.setAttribute("aria-selected", t === tab ? "true" : "false");
          });
          block.querySelectorAll("pre[data-panel]").forEach(function (panel) {
            panel.classList.toggle("active", panel.dataset.panel === name);
          });
        }
        tab.addEventListener("click", select);
        tab.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(); }
        });
      });
    });
  }

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }

  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing to do */ }
    document.body.removeChild(area);
    done();
  }

  function setupCopy() {
    document.querySelectorAll(".code-block .copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var block = button.closest(".code-block");
        var panel = block.querySelector("pre.active") || block.querySelector("pre");
        copyText(panel.textContent, function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
    });
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var pages = window.LESSONS_SEARCH || [];
    if (!input || !list) return;
    var entries = [];
    pages.forEach(function (page) {
      page.sections.forEach(function (section) {
        entries.push({
          page: page, section: section,
          heading: section.heading.toLowerCase(),
          text: section.text.toLowerCase(),
          title: page.title.toLowerCase()
        });
      });
    });
    root.dataset.searchEntries = String(entries.length);

    function snippet(text, term) {
      var at = text.toLowerCase().indexOf(term);
      if (at < 0) return text.slice(0, 120);
      var start = Math.max(0, at - 50);
      return (start > 0 ? "…" : "") + text.slice(start, at + 90) + "…";
    }

    function run() {
      var query = input.value.trim().toLowerCase();
      list.textContent = "";
      if (query.length < 2) { list.hidden = true; return; }
      var terms = query.split(/\s+/);
      var scored = [];
      entries.forEach(function (entry) {
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var term = terms[i];
          var hit = 0;
          if (entry.heading.indexOf(term) >= 0) hit += 5;
          if (entry.title.indexOf(term) >= 0) hit += 3;
          if (entry.text.indexOf(term) >= 0) hit += 1;
          if (hit === 0) return;
          score += hit;
        }
        scored.push({ entry: entry, score: score });
      });
      scored.sort(function (a, b) { return b.score - a.score; });
      scored.slice(0, 12).forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var anchor = hit.entry.section.anchor;
        link.href = hit.entry.page.href + (anchor === "top" ? "" : "#" + anchor);
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = hit.entry.page.number + " · " + hit.entry.page.title +
          (hit.entry.section.heading ? " › " + hit.entry.section.heading : "");
        var text = document.createElement("span");
        text.className = "result-text";
        text.textContent = snippet(hit.entry.section.text, terms[0]);
        link.appendChild(title);
        link.appendChild(text);
        item.appendChild(link);
        list.appendChild(item);
      });
      if (scored.length === 0) {
        var none = document.createElement("li");
        none.className = "no-results";
        none.textContent = "No matches";
        list.appendChild(none);
      }
      list.hidden = false;
    }

    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) window.location.href = first.getAttribute("href");
      } else if (event.key === "Escape") {
        input.value = "";
        run();
      }
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".search")) list.hidden = true;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && document.activeElement !== input) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  try {
    setupTheme();
    setupTabs();
    setupCopy();
    setupSearch();
    var styled = window.getComputedStyle(root).getPropertyValue("--accent").trim() !== "";
    root.dataset.styled = styled ? "1" : "0";
    root.dataset.ready = "1";
  } catch (e) {
    root.dataset.scriptError = String(e && e.message || e);
  }
})();
