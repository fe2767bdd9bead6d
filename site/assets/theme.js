// Applies the reader's saved theme before the page paints (no flash of the wrong theme).
(function () {
  try {
    var saved = localStorage.getItem("lessons-theme");
    if (saved === "light" || saved === "dark") document.documentElement.dataset.theme = saved;
  } catch (e) { /* storage unavailable: follow prefers-color-scheme */ }
  document.documentElement.classList.add("js");
})();
