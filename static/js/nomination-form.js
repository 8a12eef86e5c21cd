// Suggest employers already nominated while the youth types, so the same business meets on one
// employer. Progressive enhancement: the form works without it.
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
  var lastQuery = "";
  var byName = {};

  function render(results) {
    list.textContent = "";
    byName = {};
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.name;
      option.label = item.municipality;
      list.appendChild(option);
      byName[item.name] = item;
    });
    if (status) {
      status.textContent = results.length ? (document.documentElement.lang.indexOf("fr") === 0
        ? results.length + " entreprise(s) déjà proposée(s) correspondent."
        : results.length + " business(es) already nominated match.") : "";
    }
  }

  function lookup() {
    var query = input.value.trim();
    if (query.length < 2 || query === lastQuery) { return; }
    lastQuery = query;
    fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { render([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 250);
  });
  // Picking a suggestion also picks its municipality, so the nomination meets the same employer.
  input.addEventListener("change", function () {
    var item = byName[input.value];
    if (item && municipality && !municipality.value) {
      municipality.value = String(item.municipality_id);
    }
  });
}());
