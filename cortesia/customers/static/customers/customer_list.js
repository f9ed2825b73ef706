// Choosing a segment shows its customers at once. The page's Content Security Policy
// forbids inline handlers, so the behaviour lives here; without scripts, Enter in the
// search field submits the same form.
(function () {
  "use strict";
  var select = document.getElementById("customer-segment");
  if (!select || !select.form) { return; }
  select.addEventListener("change", function () {
    select.form.requestSubmit();
  });
})();
