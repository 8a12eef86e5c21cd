// Say what is happening while a form starts long work on the server (e.g. the automatic assignment):
// on a form with data-busy-form, the submit button with data-busy-text disables itself and its text
// goes into the form's aria-live region (data-busy-status) until the next page arrives.
// Progressive enhancement: without JavaScript the form posts as usual.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-busy-form")) {
      return;
    }
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault(); // already sent: a second click would only queue the same work again
      return;
    }
    var button = event.submitter || form.querySelector("[data-busy-text]");
    var status = form.querySelector("[data-busy-status]");
    var text = button && button.getAttribute("data-busy-text");
    form.setAttribute("aria-busy", "true");
    if (status && text) {
      status.textContent = text;
    }
    if (button) {
      // Disabled after the browser has taken the form's data, so that the request goes out as is.
      window.setTimeout(function () {
        button.disabled = true;
      }, 0);
    }
  });
  // Back from the next page through the browser's cache: the form is usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-busy-form]").forEach(function (form) {
      form.removeAttribute("aria-busy");
      form.querySelectorAll("[data-busy-text]").forEach(function (button) {
        button.disabled = false;
      });
      form.querySelectorAll("[data-busy-status]").forEach(function (status) {
        status.textContent = "";
      });
    });
  });
}());
