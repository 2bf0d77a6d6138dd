// Board enhancements: live Markdown preview, vote without reload. Everything works without it.
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Vote without reload: the form posts as usual, the answer updates count and button.
  // Delegated, so forms that live updates (live.js) put into the page work too.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest ? event.target.closest("form[data-vote]") : null;
    if (!form) { return; }
    (function () {
      event.preventDefault();
      var button = form.querySelector("button");
      var action = form.querySelector("input[name=action]");
      var data = new FormData(form);
      button.disabled = true;
      // getAttribute: the form has an input named "action", which shadows form.action.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          var count = form.querySelector("[data-vote-count]");
          var live = form.querySelector(".vote-count");
          if (result.ok) {
            count.textContent = result.vote_count;
            var word = form.querySelector("[data-vote-word]");
            if (word && result.vote_word) { word.textContent = result.vote_word; }
            button.setAttribute("aria-pressed", result.voted ? "true" : "false");
            action.value = result.voted ? "unvote" : "vote";
            button.lastChild.textContent = " " + (result.voted ? button.dataset.labelUnvote : button.dataset.labelVote);
          }
          if (live && result.message) { live.setAttribute("data-message", result.message); }
          var status = form.querySelector("[data-vote-status]");
          if (status) { status.textContent = result.message || ""; }
        })
        .catch(function () { form.submit(); })
        .finally(function () { button.disabled = false; });
    })();
  });

  // Live preview: the "Vorschau" button asks the server (same pipeline as saving).
  document.querySelectorAll("form[data-markdown-form]").forEach(function (form) {
    var button = form.querySelector("[data-preview-button]");
    var target = form.querySelector("[data-preview-target]");
    var textarea = form.querySelector("textarea[name=body]");
    var url = form.getAttribute("data-preview-url");
    if (!button || !target || !textarea || !url) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData();
      data.append("body", textarea.value);
      fetch(url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(form) },
        credentials: "same-origin",
      })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          target.querySelector("[data-preview-html]").innerHTML = html;
          target.hidden = false;
        })
        .catch(function () { form.requestSubmit(button); });
    });
  });
})();
