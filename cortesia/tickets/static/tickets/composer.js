// The reply form sends once: after the first submit its buttons are disabled until the
// page is left, so a double click or an impatient second click sends nothing more. (The
// server also stores one reply per form token, for a request sent twice anyway.)
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-send-once]")) {
      return;
    }
    // Other buttons of the form (inserting a canned response) send nothing to anyone.
    if (event.submitter && !event.submitter.hasAttribute("data-send")) {
      return;
    }
    if (form.getAttribute("data-sending") === "yes") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sending", "yes");
    form.setAttribute("aria-busy", "true");
    // Disable after the browser has read the submitter's name and value into the request.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // Coming back to the page from the history must not leave the buttons disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-send-once]").forEach(function (form) {
      form.removeAttribute("data-sending");
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = false;
      });
    });
  });
})();
