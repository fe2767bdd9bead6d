// DynamicGraphs site behaviour: theme toggle, code tabs, chapter list, keyboard paging, copy buttons, search.
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

  // Code tabs (Swift / PyTorch): buttons in a tablist; Left/Right/Home/End move between them.
  function setupTabs() {
    document.querySelectorAll(".code-block[data-tabs]").forEach(function (block) {
      var tabs = Array.prototype.slice.call(block.querySelectorAll("[role=tab]"));
      function select(tab, focus) {
        var name = tab.dataset.tab;
        tabs.forEach(function (t) {
          t.classList.toggle("active", t === tab);
          t.setAttribute("aria-selected", t === tab ? "true" : "false");
          t.setAttribute("tabindex", t === tab ? "0" : "-1");
        });
        block.querySelectorAll("pre[data-panel]").forEach(function (panel) {
          panel.classList.toggle("active", panel.dataset.panel === name);
        });
        if (focus) tab.focus();
      }
      tabs.forEach(function (tab, i) {
        tab.addEventListener("click", function () { select(tab, false); });
        tab.addEventListener("keydown", function (event) {
          var to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: tabs.length - 1 }[event.key];
          if (to === undefined) return;
          event.preventDefault();
          event.stopPropagation();
          select(tabs[(to + tabs.length) % tabs.length], true);
        });
      });
    });
  }

  // The chapter list: the top bar's button opens and closes it; Escape closes it.
  function setupChapters() {
    var button = document.getElementById("chapters-toggle");
    var nav = document.getElementById("chapters");
    if (!button || !nav) return;
    function show(open) {
      if (open) root.dataset.chapters = "open"; else delete root.dataset.chapters;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var open = root.dataset.chapters !== "open";
      show(open);
      if (open) {
        var link = nav.querySelector("[aria-current=page]") || nav.querySelector("a");
        if (link) link.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.dataset.chapters === "open") {
        show(false);
        button.focus();
      }
    });
  }

  // Left and Right arrows go to the previous and next lesson (as in mdBook), unless typing.
  function setupPaging() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      var rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
      var link = rel && document.querySelector(".pager a[rel=" + rel + "]");
      if (link) window.location.href = link.getAttribute("href");
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
      } else if (event.key === "ArrowDown") {
        var top = list.querySelector("a");
        if (top) { event.preventDefault(); top.focus(); }
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
    setupChapters();
    setupPaging();
    setupCopy();
    setupSearch();
    var styled = window.getComputedStyle(root).getPropertyValue("--accent").trim() !== "";
    root.dataset.styled = styled ? "1" : "0";
    root.dataset.ready = "1";
  } catch (e) {
    root.dataset.scriptError = String(e && e.message || e);
  }
})();
