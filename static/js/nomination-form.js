// Suggest employers already nominated while the youth types, so the same business meets on one
// employer. Progressive enhancement: the form works without it.
// A chain has one name in several municipalities (IGA, Tim Hortons): each suggestion is the name and
// its municipality, and picking one sets both fields. The status messages come from the page
// (data-one, data-many), in its language.
(function () {
  "use strict";
  var script = document.getElementById("nomination-form-script");
  var input = document.getElementById("id_employer_name");
  var list = document.getElementById("employer-suggestions");
  var status = document.getElementById("employer-suggestions-status");
  var municipality = document.getElementById("id_municipality");
  if (!script || !input || !list) { return; }
  var url = script.getAttribute("data-suggest-url");
  var timer = null;
  var lastRequest = "";
  var byKey = {};

  function keyOf(item) {
    return item.name + " — " + item.municipality;
  }

  function announce(count) {
    if (!status) { return; }
    var message = count === 1 ? status.getAttribute("data-one") : status.getAttribute("data-many");
    status.textContent = count && message ? message.replace("{number}", String(count)) : "";
  }

  function render(results) {
    list.textContent = "";
    byKey = {};
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = keyOf(item);
      list.appendChild(option);
      byKey[keyOf(item)] = item;
    });
    announce(results.length);
  }

  function lookup() {
    var query = input.value.trim();
    if (query.length < 2 || byKey[query]) { return; }
    var request = "?q=" + encodeURIComponent(query);
    if (municipality && municipality.value) {
      request += "&municipality=" + encodeURIComponent(municipality.value);
    }
    if (request === lastRequest) { return; }
    lastRequest = request;
    fetch(url + request, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { render([]); });
  }

  // Picking a suggestion keeps the business's name in the field and picks its municipality, so the
  // nomination meets the same employer.
  function pick() {
    var item = byKey[input.value];
    if (!item) { return false; }
    input.value = item.name;
    if (municipality) { municipality.value = String(item.municipality_id); }
    return true;
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    if (pick()) { return; }
    timer = window.setTimeout(lookup, 250);
  });
  input.addEventListener("change", pick);
}());
