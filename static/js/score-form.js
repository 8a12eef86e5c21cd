// The juror's score form: keeps the "criteria scored" count up to date while the juror picks scores,
// and brings the error summary into focus when the form comes back with errors.
// Progressive enhancement: the form works the same without it.
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form) { return; }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  var number = document.getElementById("scored-number");
  if (!number) { return; }

  function update() {
    var names = {};
    var radios = form.querySelectorAll("input[type=radio]");
    Array.prototype.forEach.call(radios, function (radio) {
      if (radio.checked) { names[radio.name] = true; }
    });
    number.textContent = String(Object.keys(names).length);
  }

  form.addEventListener("change", function (event) {
    if (event.target && event.target.type === "radio") { update(); }
  });
}());
