// The ticket page's "Suggested articles": fetch the articles for this ticket and let the
// agent insert the help-centre link of the customer's language version into the reply.
// No inline code (our policy forbids it): the words come from the panel's data attributes
// and the server's answer, and every node is built with textContent.
(function () {
  "use strict";

  var panel = document.querySelector("[data-suggestions-url]");
  if (!panel || !window.fetch) { return; }
  var list = panel.querySelector("[data-suggestions-list]");
  var status = panel.querySelector("[data-suggestions-status]");

  function replyBox() {
    // looked up on each click: inserting a canned response replaces the text area
    return document.querySelector("[data-testid=reply-form] textarea[name=body]");
  }

  function insert(url) {
    var box = replyBox();
    if (!box) { return; }
    var start = box.selectionStart || 0;
    var end = box.selectionEnd || start;
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    var text = (before && !/\s$/.test(before) ? " " : "") + url + (after && !/^\s/.test(after) ? " " : "");
    box.value = before + text + after;
    var caret = before.length + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    status.textContent = panel.getAttribute("data-inserted");
  }

  function item(article) {
    var row = document.createElement("li");
    row.setAttribute("data-testid", "suggested-article");
    var title = document.createElement("span");
    title.className = "suggested-title";
    title.setAttribute("dir", "auto");
    title.textContent = article.customer_title || article.title;
    row.appendChild(title);
    if (article.url) {
      var actions = document.createElement("span");
      actions.className = "actions";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.setAttribute("data-testid", "insert-article-link");
      button.textContent = panel.getAttribute("data-insert-label");
      button.addEventListener("click", function () { insert(article.url); });
      actions.appendChild(button);
      var open = document.createElement("a");
      open.href = article.url;
      open.target = "_blank";
      open.rel = "noopener";
      open.textContent = panel.getAttribute("data-open-label");
      actions.appendChild(open);
      row.appendChild(actions);
    }
    if (article.note) {
      var note = document.createElement("p");
      note.className = "hint";
      note.setAttribute("data-testid", "suggested-article-note");
      note.textContent = article.note;
      row.appendChild(note);
    }
    return row;
  }

  panel.hidden = false;
  fetch(panel.getAttribute("data-suggestions-url"), {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    })
    .then(function (answer) {
      list.replaceChildren.apply(list, answer.articles.map(item));
      status.textContent = answer.status;
    })
    .catch(function () {
      status.textContent = panel.getAttribute("data-failed");
    });
})();
