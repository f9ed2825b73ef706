/* Cortesia chat widget: one classic script the business adds to its own pages.
 *
 *   <script src="https://help.example.com/static/chat/widget.js" data-site="SITE-ID" async></script>
 *
 * It draws in a shadow root (the host page's styles stay out, ours stay in), styles it with
 * a constructed style sheet (allowed under a strict style-src), talks to the server with
 * fetch and a bearer token (no cookies), and receives events over server-sent events read
 * with fetch, falling back to polling when a proxy blocks the stream. It carries no text of
 * its own: the session answer brings every word already in the visitor's language.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.site) return;
  var base = new URL(script.src).origin;
  var site = script.dataset.site;
  var api = base + "/chat/widget/" + encodeURIComponent(site) + "/";
  var storageKey = "cortesia:" + site;
  var READY_TIMEOUT = 5000, POLL_VISIBLE = 3000, POLL_HIDDEN = 15000, STREAM_RETRY = 300000;

  var state = {
    token: load(), session: null, texts: null, siteTexts: null, direction: "ltr", language: "", cursor: 0, conversation: null, open: false,
    unread: 0, pending: {}, bubbles: {}, streaming: false, polling: null,
    failures: [], lastReadSent: 0, lastAgentEvent: 0, controller: null
  };

  function load() {
    try { return window.localStorage.getItem(storageKey) || ""; } catch (e) { return ""; }
  }
  function save(token) {
    try { window.localStorage.setItem(storageKey, token); } catch (e) { /* private mode */ }
  }
  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function t(key, values) {
    var text = (state.texts && state.texts[key]) || "";
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    return text;
  }

  function call(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    return fetch(api + path, {
      method: method, headers: headers, credentials: "omit", mode: "cors",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { var error = new Error("http " + response.status); error.status = response.status; error.data = data; throw error; }
        return data;
      });
    });
  }

  /* ---- drawing ---- */
  var host = el("div", { "data-cortesia-chat": "" });
  var root = host.attachShadow({ mode: "open" });
  var launcher = el("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "cortesia-panel" });
  var badge = el("span", { class: "badge", "aria-hidden": "true", hidden: "" });
  var panel = el("section", { id: "cortesia-panel", class: "panel", role: "dialog", "aria-labelledby": "cortesia-title", hidden: "" });
  var header = el("header", { class: "header" });
  var title = el("h2", { id: "cortesia-title" });
  var tagline = el("p", { class: "tagline" });
  var greeting = el("p", { class: "greeting", dir: "auto" });
  var away = el("p", { class: "away", dir: "auto", hidden: "" });
  var close = el("button", { type: "button", class: "close" }, "\u00d7");
  var log = el("div", { class: "log", role: "log" });
  var status = el("p", { class: "status", role: "status" });
  var form = el("form", { class: "composer", novalidate: "" });
  var nameLabel = el("label", { class: "field" });
  var nameInput = el("input", { type: "text", name: "name", autocomplete: "name", maxlength: "200" });
  var emailLabel = el("label", { class: "field", hidden: "" });
  var emailInput = el("input", { type: "email", name: "email", autocomplete: "email", maxlength: "254" });
  var consentLabel = el("label", { class: "consent", hidden: "" });
  var consentInput = el("input", { type: "checkbox", name: "consent" });
  var messageLabel = el("label", { class: "field" });
  var message = el("textarea", { name: "text", rows: "2", maxlength: "5000" });
  var error = el("p", { class: "error", role: "alert" });
  var actions = el("div", { class: "actions" });
  var send = el("button", { type: "submit", class: "send" });
  var end = el("button", { type: "button", class: "end", hidden: "" });
  var fresh = el("button", { type: "button", class: "fresh", hidden: "" });
  var idOpen = el("button", { type: "button", class: "link", hidden: "" });
  var idBox = el("div", { class: "identity", hidden: "" });
  var idEmail = el("input", { type: "email", autocomplete: "email", maxlength: "254" });
  var idCode = el("input", { type: "text", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "6" });
  var idSend = el("button", { type: "button", class: "end" });
  var idConfirm = el("button", { type: "button", class: "end" });
  var idStatus = el("p", { class: "status", role: "status" });
  // articles that may answer what the visitor is typing, before a chat starts
  var suggestBox = el("div", { class: "suggest", hidden: "", "aria-live": "polite" });
  var suggestTitle = el("p", { class: "suggest-title" });
  var suggestList = el("ul", { class: "suggest-list" });

  function style() {
    var href = base + "/static/chat/widget.css";
    if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [sheet];
      fetch(href, { credentials: "omit" }).then(function (r) { return r.text(); }).then(function (css) { sheet.replaceSync(css); });
    } else {
      root.appendChild(el("link", { rel: "stylesheet", href: href }));
    }
  }

  function build() {
    style();
    launcher.appendChild(el("span", { class: "icon", "aria-hidden": "true" }, "\ud83d\udcac"));
    launcher.appendChild(badge);
    var heading = el("div", { class: "heading" });
    heading.appendChild(title);
    heading.appendChild(tagline);
    header.appendChild(heading);
    header.appendChild(close);
    log.appendChild(greeting);
    nameLabel.appendChild(el("span"));
    nameLabel.appendChild(nameInput);
    emailLabel.appendChild(el("span"));
    emailLabel.appendChild(emailInput);
    consentLabel.appendChild(consentInput);
    consentLabel.appendChild(el("span"));
    messageLabel.appendChild(el("span"));
    messageLabel.appendChild(message);
    actions.appendChild(end);
    actions.appendChild(send);
    [nameLabel, emailLabel, consentLabel, messageLabel, error, actions, fresh].forEach(function (n) { form.appendChild(n); });
    [idEmailLabel(), idSend, idCodeLabel(), idConfirm, idStatus].forEach(function (n) { idBox.appendChild(n); });
    suggestBox.appendChild(suggestTitle);
    suggestBox.appendChild(suggestList);
    [header, log, away, status, suggestBox, form, idOpen, idBox].forEach(function (n) { panel.appendChild(n); });
    message.addEventListener("input", suggest);
    idOpen.addEventListener("click", function () { idOpen.hidden = true; idBox.hidden = false; idEmail.focus(); });
    idSend.addEventListener("click", function () {
      idStatus.textContent = "";
      call("POST", "identity", { email: idEmail.value }).then(function () {
        idStatus.textContent = t("code_sent");
        idCode.focus();
      }).catch(showIdError);
    });
    idConfirm.addEventListener("click", function () {
      call("POST", "identity/verify", { code: idCode.value }).then(function () {
        state.session.identified = true;
        idBox.hidden = true;
        status.textContent = t("linked");
      }).catch(showIdError);
    });
    root.appendChild(launcher);
    root.appendChild(panel);
    document.body.appendChild(host);
    launcher.addEventListener("click", function () { toggle(!state.open); });
    close.addEventListener("click", function () { toggle(false); });
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") toggle(false); });
    form.addEventListener("submit", function (event) { event.preventDefault(); submit(); });
    message.addEventListener("input", typing);
    message.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); submit(); }
    });
    end.addEventListener("click", endChat);
    fresh.addEventListener("click", function () {
      state.conversation = null;
      state.queued = false;
      state.left = false;
      log.textContent = "";
      log.appendChild(greeting);
      render();
      message.focus();
    });
    document.addEventListener("visibilitychange", function () { if (state.polling) schedulePoll(); markRead(); });
    relabel();
  }

  function idEmailLabel() {
    var label = el("label", { class: "field" });
    label.appendChild(el("span"));
    label.appendChild(idEmail);
    return label;
  }
  function idCodeLabel() {
    var label = el("label", { class: "field" });
    label.appendChild(el("span"));
    label.appendChild(idCode);
    return label;
  }
  function showIdError(failure) {
    var details = failure.data && failure.data.error;
    idStatus.textContent = details ? (details.details ? Object.values(details.details).join(" ") : details.message) : t("failed");
  }

  function relabel() {
    launcher.setAttribute("aria-label", state.unread ? t("open") + " \u2014 " + t("unread", { count: state.unread }) : t("open"));
    badge.textContent = String(state.unread);
    badge.hidden = !state.unread;
    if (!state.texts) return;
    host.setAttribute("dir", state.direction);
    panel.setAttribute("dir", state.direction);
    panel.setAttribute("lang", state.language);
    title.textContent = t("title");
    close.setAttribute("aria-label", t("close"));
    nameLabel.firstChild.textContent = t("name_label");
    emailLabel.firstChild.textContent = t("email_label");
    var site = state.siteTexts || {};
    tagline.textContent = site.tagline || "";
    greeting.textContent = site.greeting || "";
    away.textContent = site.away || "";
    consentLabel.lastChild.textContent = t("consent");
    messageLabel.firstChild.textContent = t("message_label");
    message.setAttribute("placeholder", t("message_placeholder"));
    end.textContent = t("end");
    idOpen.textContent = t("link");
    idEmail.parentNode.firstChild.textContent = t("email_label");
    idCode.parentNode.firstChild.textContent = t("code_label");
    idSend.textContent = t("send_code");
    idConfirm.textContent = t("confirm");
    fresh.textContent = t("new_chat");
  }

  function isAway() {
    // with the answer bot a visitor can always ask; it says when people are back
    return !state.conversation && !state.answerBot && !!(state.siteTexts && state.siteTexts.away);
  }

  function render() {
    var c = state.conversation;
    var ended = c && c.status === "ended";
    var offline = isAway();
    away.hidden = !offline;
    if (c) suggestBox.hidden = true;
    emailLabel.hidden = !offline || state.left;
    nameLabel.hidden = !offline && !!(c || (state.session && state.session.name));
    consentLabel.hidden = !(state.session && state.session.requires_consent && !c) || offline;
    send.textContent = offline ? t("leave") : c ? t("send") : t("start");
    if (state.left) { messageLabel.hidden = send.hidden = nameLabel.hidden = true; status.textContent = t("left"); return; }
    end.hidden = !c || ended;
    messageLabel.hidden = send.hidden = !!ended;
    fresh.hidden = !ended;
    idOpen.hidden = !c || ended || !state.session || state.session.identified || !idBox.hidden;
    if (c && c.status === "waiting" && !status.textContent) status.textContent = t("waiting");
    if (c && c.status === "bot" && status.textContent === t("waiting")) status.textContent = "";
    if (ended) status.textContent = t("ended");
  }

  function toggle(open) {
    state.open = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    var small = window.matchMedia && window.matchMedia("(max-width: 640px)").matches;
    if (small && open) panel.setAttribute("aria-modal", "true"); else panel.removeAttribute("aria-modal");
    if (open) {
      ensureSession().then(function () { (nameLabel.hidden ? message : nameInput).focus(); markRead(); });
      state.unread = 0;
      relabel();
    } else {
      launcher.focus();
    }
  }

  /* ---- articles suggested as the visitor types their first message ---- */
  var suggestTimer = null, suggestAsked = 0;
  function suggest() {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(function () {
      var typed = message.value.trim();
      var asked = ++suggestAsked;
      if (state.conversation || typed.length < 3) { suggestBox.hidden = true; return; }
      ensureSession().then(function () {
        return call("GET", "suggestions?q=" + encodeURIComponent(typed));
      }).then(function (data) {
        if (asked === suggestAsked && !state.conversation) showSuggestions(data.suggestions || [], typed);
      }).catch(function () { suggestBox.hidden = true; });
    }, 250);
  }
  function showSuggestions(items, typed) {
    suggestList.textContent = "";
    items.forEach(function (item) {
      var link = el("a", { href: item.url, target: "_blank", rel: "noopener" });
      link.appendChild(el("bdi", {}, item.title));
      link.addEventListener("click", function () {
        call("POST", "suggestions/opened", { article: item.uid, typed: typed }).catch(function () { /* counted at best */ });
      });
      var entry = el("li");
      entry.appendChild(link);
      suggestList.appendChild(entry);
    });
    suggestTitle.textContent = t("suggested");
    suggestBox.hidden = !items.length;
  }

  /* ---- the transcript ---- */
  function bubble(key, side, name, text) {
    var item = state.bubbles[key];
    if (!item) {
      item = el("div", { class: "message " + side });
      item.appendChild(el("span", { class: "who" }));
      item.appendChild(el("p", { class: "text", dir: "auto" }));
      item.appendChild(el("span", { class: "state" }));
      log.appendChild(item);
      state.bubbles[key] = item;
    }
    item.firstChild.textContent = name;
    item.childNodes[1].textContent = text;
    item.scrollIntoView && item.scrollIntoView({ block: "end" });
    return item;
  }

  /* the bot's message: its article's address as a link, its choices as buttons that
     answer with their label (the bot reads labels and numbers alike) */
  function botExtras(item, p) {
    var text = item.childNodes[1];
    // the numbered choices are for messaging apps: here they are buttons
    var shown = p.text;
    (p.choices || []).forEach(function (choice) { shown = shown.split("\n" + choice.key + " · " + choice.label).join(""); });
    text.textContent = shown;
    if (p.article && p.article.url && shown.indexOf(p.article.url) >= 0) {
      var parts = shown.split(p.article.url);
      text.textContent = parts[0];
      var link = el("a", { href: p.article.url, target: "_blank", rel: "noopener" }, p.article.title);
      text.appendChild(link);
      text.appendChild(document.createTextNode(parts.slice(1).join(p.article.url)));
    }
    Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (old) { old.remove(); });
    if (!p.choices || !p.choices.length) return;
    var row = el("div", { class: "choices", role: "group" });
    p.choices.forEach(function (choice) {
      var button = el("button", { type: "button", class: "choice" }, choice.label);
      button.addEventListener("click", function () {
        row.remove();
        message.value = choice.label;
        submit();
      });
      row.appendChild(button);
    });
    item.parentNode.insertBefore(row, item.nextSibling);
    row.scrollIntoView && row.scrollIntoView({ block: "end" });
  }

  function apply(event) {
    if (event.id <= state.cursor) return;
    state.cursor = event.id;
    if (state.conversation && event.conversation !== state.conversation.uid && event.kind !== "message") return;
    var p = event.payload || {};
    if (event.kind === "message") {
      var mine = p.author === "visitor";
      var key = mine && event.client_id ? event.client_id : "e" + event.id;
      var who = mine ? t("you") : p.bot ? t("assistant") : (p.name || t("agent"));
      var item = bubble(key, mine ? "mine" : p.bot ? "theirs bot" : "theirs", who, p.text);
      if (p.bot) {
        botExtras(item, p);
        if (state.conversation && state.conversation.status === "waiting" && !state.queued) state.conversation.status = "bot";
      }
      else if (!mine) Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (old) { old.remove(); });
      item.setAttribute("data-event", String(event.id));
      item.lastChild.textContent = "";
      delete state.pending[event.client_id];
      if (!state.conversation) state.conversation = { uid: event.conversation, status: "waiting" };
      if (!mine) {
        state.lastAgentEvent = event.id;
        if (!state.open || document.visibilityState !== "visible") { state.unread += 1; relabel(); }
        markRead();
      }
    } else if (event.kind === "assigned") {
      state.conversation = { uid: event.conversation, status: "active" };
      status.textContent = t("assigned", { name: p.agent || t("agent") });
    } else if (event.kind === "queued") {
      state.queued = true;
      state.conversation = { uid: event.conversation, status: "waiting" };
      status.textContent = p.position ? t("position", { position: p.position }) : t("waiting");
    } else if (event.kind === "ended") {
      state.conversation = { uid: event.conversation, status: "ended" };
    } else if (event.kind === "read" && p.by === "agent") {
      Array.prototype.forEach.call(log.querySelectorAll(".mine"), function (node) {
        if (Number(node.getAttribute("data-event")) <= p.up_to) node.lastChild.textContent = t("read");
      });
    }
    render();
  }

  function markRead() {
    var c = state.conversation;
    if (!c || !state.open || document.visibilityState !== "visible") return;
    if (state.lastAgentEvent <= state.lastReadSent) return;
    state.lastReadSent = state.lastAgentEvent;
    call("POST", "conversations/" + c.uid + "/read", { up_to: state.lastAgentEvent }).catch(function () { state.lastReadSent = 0; });
  }

  /* ---- typing, both ways (nothing is stored) ---- */
  var lastTyping = 0, typingTimer = null;
  function typing() {
    var c = state.conversation;
    if (!c || c.status === "ended" || !state.session || Date.now() - lastTyping < 3000) return;
    lastTyping = Date.now();
    fetch(state.session.stream.url + "typing", {
      method: "POST", credentials: "omit",
      headers: { Authorization: "Bearer " + state.session.stream.ticket, "Content-Type": "application/json" },
      body: JSON.stringify({ conversation: c.uid })
    }).then(function (response) {
      // the ticket lives 10 minutes: the stream keeps going, the next notice needs a new one
      if (response.status === 401) call("POST", "stream-ticket").then(function (data) { state.session.stream = data.stream; });
    }).catch(function () { /* a lost typing notice matters little */ });
  }
  function theyType() {
    var before = status.textContent === t("typing") ? "" : status.textContent;
    status.textContent = t("typing");
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { if (status.textContent === t("typing")) status.textContent = before; }, 4000);
  }

  /* ---- sending ---- */
  function submit() {
    var text = message.value.trim();
    error.textContent = "";
    if (!text) { message.focus(); return; }
    if (!nameLabel.hidden && !nameInput.value.trim()) { nameInput.focus(); return; }
    if (isAway()) { leave(text); return; }
    if (!consentLabel.hidden && !consentInput.checked) { consentInput.focus(); return; }
    var clientId = newId();
    var body = { text: text, client_id: clientId, name: nameInput.value, consent: consentInput.checked };
    state.pending[clientId] = body;
    bubble(clientId, "mine pending", t("you"), text);
    message.value = "";
    deliver(clientId);
  }

  function deliver(clientId) {
    var body = state.pending[clientId];
    var item = state.bubbles[clientId];
    item.classList.remove("failed");
    item.lastChild.textContent = "";
    ensureSession().then(function () { return call("POST", "messages", body); }).then(function (data) {
      item.classList.remove("pending");
      if (!state.session.name && body.name) state.session.name = body.name.trim();
      delete state.pending[clientId];
      if (!state.conversation || state.conversation.uid !== data.conversation.uid) state.conversation = data.conversation;
      apply(data.event);
      render();
    }).catch(function (failure) {
      if (failure.status && failure.status < 500 && failure.status !== 429) {
        delete state.pending[clientId];
        item.remove();
        delete state.bubbles[clientId];
        var details = failure.data && failure.data.error;
        error.textContent = details ? (details.details ? Object.values(details.details).join(" ") : details.message) : "";
        if (failure.status === 404) { state.token = ""; state.session = null; }
        if (failure.status === 409) { state.conversation = null; render(); }
        message.value = body.text;
        return;
      }
      item.classList.add("failed");
      item.lastChild.textContent = t("failed");
      item.onclick = function () { item.onclick = null; deliver(clientId); };
    });
  }

  function leave(text) {
    if (!emailInput.value.trim()) { emailInput.focus(); return; }
    send.disabled = true;
    ensureSession().then(function () {
      return call("POST", "offline", { name: nameInput.value, email: emailInput.value, text: text });
    }).then(function () {
      state.left = true;
      message.value = "";
      render();
    }).catch(function (failure) {
      var details = failure.data && failure.data.error;
      error.textContent = details ? (details.details ? Object.values(details.details).join(" ") : details.message) : t("failed");
    }).finally(function () { send.disabled = false; });
  }

  function endChat() {
    var c = state.conversation;
    if (!c) return;
    end.disabled = true;
    call("POST", "conversations/" + c.uid + "/end").then(function (data) {
      state.conversation = data.conversation;
      render();
    }).finally(function () { end.disabled = false; });
  }

  /* ---- the session and the events ---- */
  var starting = null;
  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }
  function ensureSession() {
    if (state.session) return Promise.resolve(state.session);
    if (starting) return starting;
    starting = call("POST", "session", { token: state.token, languages: navigator.languages || [navigator.language], time_zone: zone() })
      .then(function (data) {
        state.session = data;
        speak(data);
        state.token = data.token;
        save(data.token);
        state.conversation = data.conversation;
        data.events.forEach(apply);
        state.cursor = Math.max(state.cursor, data.cursor);
        relabel();
        render();
        connect();
        return data;
      }).finally(function () { starting = null; });
    return starting;
  }

  function connect() {
    if (state.controller) state.controller.abort();
    if (state.polling) return;
    var controller = new AbortController();
    state.controller = controller;
    var ready = false;
    var timer = setTimeout(function () { if (!ready) { controller.abort(); startPolling(); } }, READY_TIMEOUT);
    var headers = { Authorization: "Bearer " + state.session.stream.ticket };
    if (state.cursor) headers["Last-Event-ID"] = String(state.cursor);
    fetch(state.session.stream.url + "?after=" + state.cursor, { headers: headers, credentials: "omit", signal: controller.signal })
      .then(function (response) {
        if (response.status === 401) return renewTicket();
        if (!response.ok || !response.body) throw new Error("stream " + response.status);
        return read(response.body.getReader(), function (name, data) {
          if (name === "ready") { ready = true; clearTimeout(timer); status.classList.remove("offline"); }
          else if (name === "chat") apply(data);
          else if (name === "typing" && data.by === "agent") theyType();
          else if (name === "reset") { state.controller = null; state.session = null; log.textContent = ""; log.appendChild(greeting); state.bubbles = {}; state.cursor = 0; controller.abort(); ensureSession(); }
        }).then(function () { throw new Error("stream ended"); });
      })
      .catch(function () {
        clearTimeout(timer);
        if (controller.signal.aborted && state.controller !== controller) return;
        if (state.polling) return;
        var now = Date.now();
        state.failures = state.failures.filter(function (at) { return now - at < 60000; }).concat([now]);
        if (state.failures.length >= 3) { startPolling(); return; }
        setTimeout(connect, 3000);
      });
  }

  function renewTicket() {
    return call("POST", "stream-ticket").then(function (data) { state.session.stream = data.stream; connect(); });
  }

  function read(reader, dispatch) {
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        var parts = buffer.split("\n\n");
        buffer = parts.pop();
        parts.forEach(function (block) {
          var name = "message", data = [];
          block.split("\n").forEach(function (line) {
            if (line.indexOf("event:") === 0) name = line.slice(6).trim();
            else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
          });
          if (data.length) dispatch(name, JSON.parse(data.join("\n")));
        });
        return pump();
      });
    }
    return pump();
  }

  function startPolling() {
    if (state.polling) return;
    state.polling = setTimeout(poll, 0);
    setTimeout(function () { clearTimeout(state.polling); state.polling = null; state.failures = []; connect(); }, STREAM_RETRY);
  }
  function schedulePoll() {
    clearTimeout(state.polling);
    state.polling = setTimeout(poll, document.visibilityState === "visible" ? POLL_VISIBLE : POLL_HIDDEN);
  }
  function poll() {
    call("GET", "events?after=" + state.cursor).then(function (data) {
      data.events.forEach(apply);
      status.classList.remove("offline");
    }).catch(function () { status.classList.add("offline"); }).finally(function () { if (state.polling) schedulePoll(); });
  }

  function speak(data) {
    state.texts = data.texts;
    state.siteTexts = data.site_texts;
    state.answerBot = !!data.answer_bot;
    state.direction = data.direction;
    state.language = data.language;
  }

  function start() {
    build();
    if (state.token) { ensureSession().catch(function () { /* shown when opened */ }); return; }
    var languages = (navigator.languages || [navigator.language]).join(",");
    call("GET", "texts?languages=" + encodeURIComponent(languages) + "&time_zone=" + encodeURIComponent(zone())).then(function (data) { speak(data); relabel(); render(); });
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
