// Collision detection on the ticket page: a heartbeat tells the server that this person
// has the ticket open (typing while they write in the composer) and shows the line it
// answers with, naming the others who have it open. Beats pause while the tab is hidden
// and stop for good once the session has ended (the server no longer answers the beat).
(function () {
  "use strict";

  var line = document.querySelector("[data-presence-url]");
  if (!line) {
    return;
  }
  var url = line.getAttribute("data-presence-url");
  var interval = Math.max(1, parseInt(line.getAttribute("data-presence-interval"), 10) || 10) * 1000;
  var lastTyped = 0;
  var timer = null;
  var stopped = false;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function state() {
    return Date.now() - lastTyped < interval ? "typing" : "viewing";
  }

  function beat() {
    if (stopped || document.hidden) {
      return;
    }
    var body = new URLSearchParams();
    body.set("state", state());
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        // Signed out (sent to the sign-in page) or no longer allowed to see the ticket.
        if (response.type === "opaqueredirect" || response.status === 403 || response.status === 404) {
          stopped = true;
          window.clearInterval(timer);
          line.textContent = "";
          return;
        }
        if (response.ok) {
          return response.text().then(function (html) {
            line.innerHTML = html; // the server's escaped partial
          });
        }
      })
      .catch(function () {
        // Offline for a moment: the next beat tries again.
      });
  }

  var composer = document.querySelector("[data-testid=composer]");
  if (composer) {
    composer.addEventListener("input", function () {
      var wasTyping = state() === "typing";
      lastTyped = Date.now();
      if (!wasTyping) {
        beat(); // say so now, not at the next beat
      }
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      beat();
    }
  });
  beat();
  timer = window.setInterval(beat, interval);
})();
