// The agents' chat console: the list of waiting and own chats with unread counts, one
// chat's transcript and composer, all kept live by one server-sent event stream per tab
// (read with fetch, so the short-lived stream ticket travels in a header). Events carry
// ids: a reconnect resumes after the last one, and an event already shown is skipped.
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-console]");
  if (!root) return;
  var texts = JSON.parse(document.getElementById("chat-texts").textContent);
  var listUrl = root.getAttribute("data-api");
  var ticketUrl = root.getAttribute("data-ticket-url");
  var acceptingUrl = root.getAttribute("data-accepting-url");
  var accepting = root.querySelector("[data-chat-accepting]");
  var items = root.querySelector("[data-chat-items]");
  var empty = root.querySelector("[data-chat-empty]");
  var view = root.querySelector("[data-chat-view]");
  var choose = root.querySelector("[data-chat-choose]");
  var title = root.querySelector("[data-chat-title]");
  var card = root.querySelector("[data-chat-card]");
  var log = root.querySelector("[data-chat-log]");
  var chatState = root.querySelector("[data-chat-state]");
  var connection = root.querySelector("[data-chat-connection]");
  var composer = root.querySelector("[data-chat-composer]");
  var reply = composer.querySelector("textarea");
  var note = root.querySelector("[data-chat-note]");
  var errorLine = root.querySelector("[data-chat-error]");
  var takeButton = root.querySelector("[data-chat-take]");
  var handOver = root.querySelector("[data-chat-hand-over]");
  var handOverButton = root.querySelector("[data-chat-hand-over-button]");
  var canned = root.querySelector("[data-chat-canned]");
  var cannedButton = root.querySelector("[data-chat-canned-button]");
  var endButton = root.querySelector("[data-chat-end]");
  var chats = {}; // uid -> row
  var current = null; // the open chat's detail
  var cursor = 0;
  var shown = {}; // keys of transcript entries shown
  var lastRead = 0;
  var streamTicket = null; // {url, ticket}: also sends our typing notices
  var lastTyping = 0, typingTimer = null;

  function t(key, values) {
    var text = texts[key] || "";
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    return text;
  }
  function csrf() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function call(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { var error = new Error(String(response.status)); error.status = response.status; error.data = data; throw error; }
        return data;
      });
    });
  }
  function chatUrl(uid, action) { return listUrl + "/" + encodeURIComponent(uid) + (action ? "/" + action : ""); }
  function newId() {
    return window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  /* ---- the list ---- */
  function drawList() {
    items.textContent = "";
    var rows = Object.keys(chats).map(function (uid) { return chats[uid]; })
      .filter(function (row) { return row.status !== "ended" || (current && current.uid === row.uid); });
    rows.sort(function (a, b) { return (a.status === "waiting") - (b.status === "waiting") || String(a.queued_at).localeCompare(String(b.queued_at)); });
    rows.forEach(function (row) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chat-item is-" + row.status + (current && current.uid === row.uid ? " is-current" : "");
      button.setAttribute("data-chat", row.uid);
      var name = document.createElement("span");
      name.className = "chat-item-name";
      name.setAttribute("dir", "auto");
      name.textContent = row.customer;
      var meta = document.createElement("span");
      meta.className = "chat-item-meta";
      meta.textContent = [t(row.status), row.language, row.medium !== "widget" ? row.medium_label : ""].filter(Boolean).join(" · ");
      button.appendChild(name);
      button.appendChild(meta);
      if (row.unread) {
        var badge = document.createElement("span");
        badge.className = "chat-badge";
        badge.textContent = String(row.unread);
        badge.setAttribute("aria-label", t("unread", { count: row.unread }));
        button.appendChild(badge);
      }
      button.addEventListener("click", function () { open(row.uid); });
      item.appendChild(button);
      items.appendChild(item);
    });
    empty.hidden = rows.length > 0;
  }
  function loadList() {
    return call("GET", listUrl).then(function (data) {
      chats = {};
      if (!cursor) cursor = data.cursor;
      accepting.checked = data.accepting;
      data.conversations.forEach(function (row) { chats[row.uid] = row; });
      drawList();
    });
  }

  /* ---- one chat ---- */
  function entry(event) {
    var p = event.payload || {};
    var key = event.client_id ? "c" + event.client_id : "e" + event.id;
    if (shown[key]) return;
    shown[key] = true;
    var item = document.createElement("div");
    if (event.kind === "message" || event.kind === "note") {
      item.className = "chat-message is-" + p.author + (event.internal ? " is-note" : "");
      var who = document.createElement("span");
      who.className = "chat-who";
      who.textContent = p.author === "visitor" ? (p.name || t("visitor")) : p.bot ? t("bot") : (p.name || t("agent"));
      var text = document.createElement("p");
      text.setAttribute("dir", "auto");
      text.textContent = p.text;
      item.appendChild(who);
      item.appendChild(text);
      (p.files || []).forEach(function (file) {
        var link = document.createElement(file.url ? "a" : "span");
        link.className = "chat-file";
        if (file.url) link.href = file.url;
        link.setAttribute("dir", "auto");
        link.textContent = file.url ? file.name : t("file_missing", { name: file.name });
        item.appendChild(link);
      });
    } else if (event.kind === "assigned") {
      item.className = "chat-system";
      item.textContent = t("assigned", { name: p.agent || t("agent") });
    } else if (event.kind === "ended") {
      item.className = "chat-system";
      item.textContent = t("chat_ended");
    } else {
      return;
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }
  function drawCurrent() {
    if (!current) { view.hidden = true; choose.hidden = false; return; }
    view.hidden = false;
    choose.hidden = true;
    title.textContent = current.customer;
    title.setAttribute("dir", "auto");
    var c = current.card;
    card.textContent = "";
    var w = current.reply_window;
    var lines = [
      w ? t(w.is_closed ? "window_closed" : "window_open", { medium: current.medium_label, time: w.ends_text }) : "",
      [c.language, c.country, c.local_time_text ? t("local_time", { time: c.local_time_text }) : "",
        c.is_business_hours === null ? "" : t(c.is_business_hours ? "business_hours" : "after_hours")].filter(Boolean).join(" · "),
      c.address_as ? t("address_as", { greeting: c.address_as }) : "",
      c.holidays.length ? t("holidays", { names: c.holidays.join(", ") }) : "",
      t("tickets", { count: c.tickets, open: c.open_tickets }),
      c.orders.length ? t("orders") + " " + c.orders.map(function (o) { return o.number + " (" + o.status + ", " + o.total + ", " + o.placed + ")"; }).join("; ") : ""
    ];
    lines.filter(Boolean).forEach(function (line) {
      var node = document.createElement("span");
      node.className = "chat-card-line";
      node.setAttribute("dir", "auto");
      node.textContent = line;
      card.appendChild(node);
    });
    takeButton.hidden = current.status !== "waiting";
    endButton.hidden = current.status === "ended";
    composer.hidden = current.status === "ended";
    reply.setAttribute("lang", current.language);
    handOverButton.hidden = handOver.hidden = current.status === "ended";
    chatState.textContent = current.status === "ended" ? t("chat_ended") : "";
  }
  function open(uid) {
    return call("GET", chatUrl(uid)).then(function (detail) {
      current = detail;
      fillOptions(detail);
      log.textContent = "";
      shown = {};
      detail.events.forEach(entry);
      lastRead = detail.agent_read_event;
      if (chats[uid]) chats[uid].unread = 0;
      drawCurrent();
      drawList();
      markRead(detail.events);
      reply.focus();
    });
  }
  function markRead(events) {
    if (!current || document.hidden) return;
    var last = 0;
    events.forEach(function (e) { if (e.conversation === current.uid && e.kind === "message" && e.id > last) last = e.id; });
    if (last > lastRead) {
      lastRead = last;
      call("POST", chatUrl(current.uid, "read"), { up_to: last }).catch(function () { /* next time */ });
    }
  }

  function option(value, label) {
    var node = document.createElement("option");
    node.value = value;
    node.textContent = label;
    return node;
  }
  function fillOptions(detail) {
    handOver.textContent = "";
    [["agent", detail.hand_over.agents, t("agents")], ["team", detail.hand_over.teams, t("teams")]].forEach(function (group) {
      if (!group[1].length) return;
      var optgroup = document.createElement("optgroup");
      optgroup.label = group[2];
      group[1].forEach(function (item) { optgroup.appendChild(option(group[0] + ":" + item.uid, item.name)); });
      handOver.appendChild(optgroup);
    });
    handOverButton.disabled = !handOver.options.length;
    canned.textContent = "";
    detail.canned.forEach(function (item) { canned.appendChild(option(item.uid, item.name)); });
    cannedButton.disabled = !detail.canned.length;
  }

  /* ---- actions ---- */
  handOverButton.addEventListener("click", function () {
    if (!current || !handOver.value) return;
    var parts = handOver.value.split(":");
    var body = {};
    body[parts[0]] = parts[1];
    var uid = current.uid;
    call("POST", chatUrl(uid, "hand-over"), body).then(function (row) {
      chats[uid] = row;
      loadList();
      open(uid).catch(function () { current = null; drawCurrent(); });
    }).catch(function (failure) {
      var details = failure.data && failure.data.error;
      errorLine.textContent = details ? (details.details ? Object.values(details.details).join(" ") : details.message) : t("failed");
    });
  });
  cannedButton.addEventListener("click", function () {
    if (!current || !canned.value) return;
    call("GET", chatUrl(current.uid, "canned/" + encodeURIComponent(canned.value))).then(function (rendered) {
      reply.value = reply.value ? reply.value + "\n" + rendered.text : rendered.text;
      errorLine.textContent = rendered.fallback ? t("fallback") : "";
      reply.focus();
    }).catch(function (failure) {
      var details = failure.data && failure.data.error;
      errorLine.textContent = details ? details.message : t("failed");
    });
  });
  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    send(newId(), reply.value, note.checked);
  });
  reply.addEventListener("input", function () {
    if (!current || current.status === "ended" || !streamTicket || note.checked || Date.now() - lastTyping < 3000) return;
    lastTyping = Date.now();
    fetch(streamTicket.url + "typing", {
      method: "POST", credentials: "omit",
      headers: { Authorization: "Bearer " + streamTicket.ticket, "Content-Type": "application/json" },
      body: JSON.stringify({ conversation: current.uid })
    }).then(function (response) {
      // the ticket lives 10 minutes: the stream keeps going, the next notice needs a new one
      if (response.status === 401) call("POST", ticketUrl).then(function (stream) { streamTicket = stream; });
    }).catch(function () { /* a lost typing notice matters little */ });
  });
  function theyType(uid) {
    if (!current || current.uid !== uid) return;
    chatState.textContent = t("typing");
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { if (chatState.textContent === t("typing")) chatState.textContent = ""; }, 4000);
  }
  reply.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); composer.requestSubmit(); }
  });
  function send(clientId, text, isNote) {
    if (!current || !text.trim()) return;
    errorLine.textContent = "";
    var uid = current.uid;
    reply.value = "";
    call("POST", chatUrl(uid, "messages"), { text: text, client_id: clientId, note: isNote }).then(function (data) {
      note.checked = false;
      if (current && current.uid === uid) { entry(data.event); if (current.status === "waiting") { current.status = "active"; drawCurrent(); } }
    }).catch(function (failure) {
      var details = failure.data && failure.data.error;
      errorLine.textContent = details ? (details.details ? Object.values(details.details).join(" ") : details.message) : t("failed");
      if (!reply.value) reply.value = text;
    });
  }
  function act(action) {
    if (!current) return;
    var uid = current.uid;
    call("POST", chatUrl(uid, action)).then(function (row) {
      chats[uid] = row;
      if (current && current.uid === uid) { current.status = row.status; drawCurrent(); }
      drawList();
    }).catch(function (failure) {
      var details = failure.data && failure.data.error;
      errorLine.textContent = details ? details.message : t("failed");
      loadList();
    });
  }
  takeButton.addEventListener("click", function () { act("take"); });
  accepting.addEventListener("change", function () {
    var wanted = accepting.checked;
    call("POST", acceptingUrl, { accepting: wanted }).catch(function () { accepting.checked = !wanted; });
  });
  endButton.addEventListener("click", function () { act("end"); });

  /* ---- the stream ---- */
  function onEvent(event) {
    if (event.id <= cursor) return;
    cursor = event.id;
    var row = chats[event.conversation];
    if (!row) { loadList(); }
    else {
      if (event.kind === "message" && event.payload.author === "visitor" && !(current && current.uid === row.uid && !document.hidden)) row.unread += 1;
      if (event.kind === "assigned") row.status = "active";
      if (event.kind === "ended") row.status = "ended";
      drawList();
    }
    if (current && current.uid === event.conversation) {
      entry(event);
      if (event.kind === "assigned") { current.status = "active"; drawCurrent(); }
      if (event.kind === "ended") { current.status = "ended"; drawCurrent(); }
      markRead([event]);
    }
  }
  function connect() {
    call("POST", ticketUrl).then(function (stream) {
      streamTicket = stream;
      var headers = { Authorization: "Bearer " + stream.ticket };
      if (cursor) headers["Last-Event-ID"] = String(cursor);
      return fetch(stream.url + "?after=" + cursor, { headers: headers, credentials: "omit" });
    }).then(function (response) {
      if (!response.ok || !response.body) throw new Error("stream " + response.status);
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error("stream ended");
          buffer += decoder.decode(chunk.value, { stream: true });
          var blocks = buffer.split("\n\n");
          buffer = blocks.pop();
          blocks.forEach(function (block) {
            var name = "message", data = [];
            block.split("\n").forEach(function (line) {
              if (line.indexOf("event:") === 0) name = line.slice(6).trim();
              else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
            });
            if (!data.length) return;
            var payload = JSON.parse(data.join("\n"));
            if (name === "ready") connection.textContent = "";
            else if (name === "reset") { cursor = payload.cursor; loadList(); if (current) open(current.uid); }
            else if (name === "chat") onEvent(payload);
            else if (name === "typing" && payload.by === "visitor") theyType(payload.conversation);
          });
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      connection.textContent = t("offline");
      setTimeout(function () { loadList().finally(connect); }, 3000);
    });
  }
  document.addEventListener("visibilitychange", function () { if (!document.hidden && current) open(current.uid); });

  drawCurrent();
  loadList().then(connect);
})();
