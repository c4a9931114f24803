// Colour mode "same as my device" (SPEC 2.8 Preferences). Loaded synchronously in <head>, before the body is drawn, so
// the page never flashes in the wrong theme. Light and dark are set by the server; without JavaScript "system" is light.
(function () {
    "use strict";
    var root = document.documentElement;
    if (root.dataset.appearance !== "system" || !window.matchMedia) { return; }
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    var apply = function () { root.setAttribute("data-bs-theme", dark.matches ? "dark" : "light"); };
    apply();
    if (dark.addEventListener) { dark.addEventListener("change", apply); }
})();
