// Ask before an action that cannot easily be undone: a button with data-confirm="question".
// Progressive enhancement: without JavaScript the action goes through as the server allows.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
}());
