// Suggested articles under the subject of a new request. As the customer types (a pause
// of 250 ms, at least 3 characters), the portal is asked for articles in the customer's
// language; each opens in a new tab through an address that records the open for this
// form's session. Without this script the form works the same, without suggestions.
(function () {
  "use strict";

  var DELAY = 250;
  var MIN_TYPED = 3;
  var panel = document.querySelector("[data-suggestions-url]");
  if (!panel || !window.fetch) { return; }
  var subject = document.getElementById(panel.getAttribute("data-subject"));
  var session = document.getElementById(panel.getAttribute("data-session"));
  var list = panel.querySelector("[data-suggestions-list]");
  var status = document.querySelector("[data-suggestions-status]");
  if (!subject || !list) { return; }
  var timer = null;
  var asked = "";
  var controller = null;

  function announce(text) {
    if (status && status.textContent !== text) { status.textContent = text; }
  }

  function item(suggestion) {
    var row = document.createElement("li");
    var link = document.createElement("a");
    link.href = suggestion.url;
    link.target = "_blank";
    link.rel = "noopener";
    link.setAttribute("data-testid", "suggestion");
    var title = document.createElement("bdi");
    title.textContent = suggestion.title;
    link.appendChild(title);
    var hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.textContent = " " + panel.getAttribute("data-new-tab");
    link.appendChild(hint);
    row.appendChild(link);
    return row;
  }

  function show(answer) {
    list.replaceChildren.apply(list, answer.suggestions.map(item));
    panel.hidden = answer.suggestions.length === 0;
    announce(answer.status);
  }

  function clear() {
    list.replaceChildren();
    panel.hidden = true;
    announce("");
  }

  function ask() {
    var typed = subject.value;
    if (typed.trim().length < MIN_TYPED) {
      asked = "";
      if (controller) { controller.abort(); }
      clear();
      return;
    }
    if (typed === asked) { return; }
    asked = typed;
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    var query = new URLSearchParams({ q: typed, session: session ? session.value : "" });
    fetch(panel.getAttribute("data-suggestions-url") + "?" + query.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (answer) {
        if (typed === subject.value) { show(answer); }
      })
      .catch(function () { /* a newer request replaced it, or no suggestions this time */ });
  }

  subject.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, DELAY);
  });
  subject.addEventListener("keydown", function (event) {
    // Escape closes the suggestions; the arrow down key moves to the first one.
    if (event.key === "Escape" && !panel.hidden) {
      clear();
    } else if (event.key === "ArrowDown" && !panel.hidden) {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at < 0) { return; }
    if (event.key === "ArrowDown" && at < links.length - 1) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? links[at - 1] : subject).focus();
    } else if (event.key === "Escape") {
      subject.focus();
      clear();
    }
  });
  if (subject.value) { ask(); }
})();
