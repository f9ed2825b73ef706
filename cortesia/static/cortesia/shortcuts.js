// Keyboard shortcuts of the help desk pages. Keys are ignored while typing in a field and
// when a modifier is held, so they never get in the way of writing.
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable='true']") !== null;
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) {
      window.location.assign(link.href);
    }
  }

  function compose(kind) {
    var select = document.getElementById("id_kind");
    var body = document.getElementById("id_body");
    if (select) {
      select.value = kind;
    }
    if (body) {
      body.focus();
    }
  }

  function move(step) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-shortcut-row]"));
    if (!rows.length) {
      return;
    }
    var index = rows.indexOf(document.activeElement);
    var next = index < 0 ? 0 : Math.min(Math.max(index + step, 0), rows.length - 1);
    rows[next].focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var handled = true;
    switch (event.key) {
      case "r": compose("reply"); break;
      case "n": compose("note"); break;
      case "j":
        if (document.querySelector("[data-shortcut-row]")) { move(1); } else { follow("[data-shortcut='next']"); }
        break;
      case "k": move(-1); break;
      case "u": follow("[data-shortcut='inbox']"); break;
      case "o":
        if (document.activeElement && document.activeElement.hasAttribute("data-shortcut-row")) {
          window.location.assign(document.activeElement.href);
        }
        break;
      default: handled = false;
    }
    if (handled) {
      event.preventDefault();
    }
  });
})();
