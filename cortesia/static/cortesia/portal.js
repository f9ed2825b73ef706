// The web form sends the browser's time zone, so a new customer's times are theirs.
(function () {
  "use strict";
  var field = document.querySelector("input[name=time_zone]");
  if (!field || field.value) { return; }
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
})();
