// `lessons serve` only (never part of the static site): live reload, and Edit / Run / Reset on
// each Swift cell. The server runs the lesson with the edited cell and sends back the new look of
// that cell and every later one. Running code needs the launch token from the URL it printed.
// State for tests: <html data-serve-live="1"> once the reload stream is open; each cell section
// gets data-run-state="running" | "done" | "superseded" | "error".
(function () {
  "use strict";
  var root = document.documentElement;
  var config = JSON.parse(document.getElementById("lessons-serve").textContent);
  var TOKEN_KEY = "lessons-serve-token:" + location.host;

  var query = new URLSearchParams(location.search);
  if (query.has("token")) {
    sessionStorage.setItem(TOKEN_KEY, query.get("token"));
    query.delete("token");
    var rest = query.toString();
    history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  }
  var token = sessionStorage.getItem(TOKEN_KEY);

  // Live reload: the server sends the site version on connect and after each rebuild.
  var events = new EventSource("_serve/events");
  events.addEventListener("open", function () { root.dataset.serveLive = "1"; });
  events.addEventListener("version", function (event) {
    if (Number(event.data) !== config.version) location.reload();
  });

  var page = location.pathname.split("/").pop() || "index.html";
  if (page === "index.html" || !/\.html$/.test(page)) return;
  var lessonName = page.replace(/\.html$/, "");

  fetch("_serve/lessons/" + encodeURIComponent(lessonName))
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(setUp)
    .catch(function (error) { root.dataset.serveError = String(error); });

  function setUp(lesson) {
    if (!token) {
      var note = document.createElement("p");
      note.className = "serve-note";
      note.textContent = "Read-only: open the address `lessons serve` printed (it ends in ?token=…) to edit and run cells.";
      var content = document.querySelector("main.content");
      content.insertBefore(note, content.querySelector("h1").nextSibling);
      root.dataset.serveCells = "read-only";
      return;
    }
    var sections = lesson.cells.map(function (cell) { return document.getElementById("cell-" + cell.line); });
    // What Reset puts back: every cell section's outputs as the lesson rendered them.
    var original = sections.map(function (section) { return section && outputsOf(section).map(clone); });
    lesson.cells.forEach(function (cell, index) {
      var section = sections[index];
      if (!section || !cell.runs || !section.querySelector(".code-block")) return;
      addControls(lesson, cell, section, sections, original);
    });
    root.dataset.serveCells = "editable";
  }

  function clone(node) { return node.cloneNode(true); }

  // A cell section's children after its code block: output, pictures, error box.
  function outputsOf(section) {
    return Array.prototype.filter.call(section.children, function (child) {
      return !child.classList.contains("code-block") && !child.classList.contains("serve-status");
    });
  }

  function replaceOutputs(section, nodes) {
    outputsOf(section).forEach(function (child) { section.removeChild(child); });
    nodes.forEach(function (node) { section.appendChild(node); });
  }

  function button(label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "serve-button serve-" + action;
    element.textContent = label;
    return element;
  }

  function addControls(lesson, cell, section, sections, original) {
    var head = section.querySelector(".code-head");
    var block = section.querySelector(".code-block");
    var code = block.querySelector("pre.lang-swift");
    var edit = button("Edit", "edit"), run = button("Run", "run"), reset = button("Reset", "reset");
    run.hidden = true;
    reset.hidden = true;
    [edit, run, reset].forEach(function (b) { head.insertBefore(b, head.querySelector(".copy")); });
    var status = document.createElement("p");
    status.className = "serve-status";
    status.setAttribute("role", "status");
    block.insertAdjacentElement("afterend", status);
    var editor = null;

    edit.addEventListener("click", function () {
      if (!editor) {
        editor = document.createElement("textarea");
        editor.className = "serve-editor";
        editor.spellcheck = false;
        editor.value = cell.source;
        editor.setAttribute("aria-label", "Swift code of the cell at line " + cell.line);
        editor.addEventListener("keydown", function (event) {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run.click(); }
        });
      }
      editor.rows = Math.max(4, editor.value.split("\n").length + 1);
      code.hidden = true;
      code.insertAdjacentElement("afterend", editor);
      edit.hidden = true;
      run.hidden = false;
      reset.hidden = false;
      section.classList.add("serve-editing");
      editor.focus();
    });

    run.addEventListener("click", function () {
      section.dataset.runState = "running";
      status.textContent = "Compiling and running the lesson with this cell…";
      fetch("_serve/run", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Lessons-Token": token },
        body: JSON.stringify({ lesson: lesson.lesson, line: cell.line, source: editor.value })
      }).then(function (response) {
        if (!response.ok) return response.text().then(function (text) { throw new Error(text); });
        return response.json();
      }).then(function (report) {
        if (report.status === "superseded") {
          section.dataset.runState = "superseded";
          status.textContent = "Replaced by a newer run.";
          return;
        }
        showReport(report, section, sections);
        status.textContent = "Ran in " + report.seconds.toFixed(1) + " s" +
          (report.problems.length ? " with errors" : "") + ". Outputs marked “edited” come from this run.";
        section.dataset.runState = "done";
      }).catch(function (error) {
        section.dataset.runState = "error";
        status.textContent = "Not run: " + error.message;
      });
    });

    reset.addEventListener("click", function () {
      if (editor) { editor.value = cell.source; editor.remove(); }
      code.hidden = false;
      edit.hidden = false;
      run.hidden = true;
      reset.hidden = true;
      status.textContent = "";
      section.classList.remove("serve-editing");
      delete section.dataset.runState;
      sections.forEach(function (other, index) {
        if (!other || index < cell.index || !original[index]) return;
        replaceOutputs(other, original[index].map(clone));
        other.classList.remove("serve-edited", "serve-differs");
      });
    });
  }

  // Puts the new outputs of the edited cell and every later one on the page.
  function showReport(report, edited, sections) {
    report.cells.forEach(function (cell) {
      var section = sections[cell.index];
      if (!section) return;
      var template = document.createElement("template");
      template.innerHTML = cell.html.trim();
      var fresh = template.content.firstElementChild;
      var nodes = fresh ? outputsOf(fresh) : [];
      replaceOutputs(section, nodes);
      section.classList.add("serve-edited");
      section.classList.toggle("serve-differs", cell.differs);
      section.dataset.status = cell.status;
    });
    if (report.problems.length) {
      var box = document.createElement("div");
      box.className = "error-box failure serve-problems";
      var label = document.createElement("p");
      label.className = "error-label";
      label.textContent = "The edited lesson failed";
      var text = document.createElement("pre");
      text.textContent = report.problems.join("\n");
      box.appendChild(label);
      box.appendChild(text);
      edited.appendChild(box);
    }
  }
})();
