/* Material's search overlay is a dialog (role="dialog") without a name, so
   a screen reader announces only "dialog". Name it after its search box. */
(function () {
  "use strict";
  function name() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      var input = dialog.querySelector("input[aria-label], input[placeholder]");
      var label = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
      dialog.setAttribute("aria-label", label || "Search");
    });
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(name);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", name);
  } else {
    name();
  }
})();
