// Runs static/js/nomination-form.js (path in SUGGESTION_PAGE) against stand-ins for the form's elements:
// types, picks a suggestion, types again, and prints what it saw as JSON. Used by test_suggestion_script.py.
const fs = require("fs");
const vm = require("vm");
const page = JSON.parse(process.env.SUGGESTION_PAGE);

class Element {
  constructor(attrs) {
    this.attrs = attrs || {};
    this.value = "";
    this.children = [];
    this.listeners = {};
    this.text = "";
  }
  getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; }
  appendChild(child) { this.children.push(child); }
  addEventListener(type, listener) { this.listeners[type] = listener; }
  fire(type) { if (this.listeners[type]) { this.listeners[type]({}); } }
  set textContent(value) { this.text = value; this.children = []; }
  get textContent() { return this.text; }
}

const elements = {
  "nomination-form-script": new Element({"data-suggest-url": page.url}),
  "id_employer_name": new Element(),
  "employer-suggestions": new Element(),
  "employer-suggestions-status": new Element({"data-one": page.one, "data-many": page.many}),
  "id_municipality": new Element(),
};
const requests = [];
const results = [
  {name: "IGA", municipality: "Magog", municipality_id: 7},
  {name: "IGA", municipality: "Sherbrooke", municipality_id: 5},
];
const context = {
  document: {getElementById: (id) => elements[id] || null, createElement: () => new Element()},
  window: {setTimeout: (callback) => { callback(); return 1; }, clearTimeout: () => {}},
  fetch: (url) => {
    requests.push(url);
    // Both IGA first, then the one of the chosen municipality.
    const found = requests.length === 1 ? results : results.slice(1);
    return Promise.resolve({ok: true, json: () => Promise.resolve({results: found})});
  },
};
vm.runInNewContext(fs.readFileSync(page.script, "utf8"), context);

const input = elements["id_employer_name"];
const municipality = elements["id_municipality"];
const status = elements["employer-suggestions-status"];
const settle = () => new Promise((resolve) => setImmediate(resolve));

(async () => {
  const seen = {};
  input.value = "IG";
  input.fire("input");
  await settle();
  seen.options = elements["employer-suggestions"].children.map((option) => option.value);
  seen.status_many = status.textContent;
  input.value = "IGA — Sherbrooke";
  input.fire("input");
  seen.picked = [input.value, municipality.value];
  input.value = "IGA Ex";
  input.fire("input");
  await settle();
  seen.status_one = status.textContent;
  seen.requests = requests;
  process.stdout.write(JSON.stringify(seen));
})();
