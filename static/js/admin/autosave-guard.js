/*
 * Stops Wagtail's autosave once the page editor's form is really submitted.
 *
 * Wagtail checks the form for changes every half second and autosaves changes in the
 * background. The workflow buttons ("Freigeben", "Änderungen anfordern", ...) append hidden
 * inputs to the form before it is submitted, so the change check saw new data and about a
 * second later autosaved the whole form, workflow action included, while the approval was
 * still being processed. Here autosave is switched off as soon as the form is submitted or a
 * workflow action is put into it, and an autosave already waiting for its turn is cancelled.
 * The server refuses such autosaves as well (wiki/wagtail_hooks.py).
 */
(function () {
  "use strict";

  var ACTION_INPUTS = ["action-workflow-action", "workflow-action-name"];
  var waiting = null;

  function stopAutosave(form) {
    form.setAttribute("data-w-autosave-active-value", "false");
    if (waiting) {
      // The debounced save checks `defaultPrevented` when its turn comes.
      waiting.preventDefault();
      waiting = null;
    }
  }

  document.addEventListener(
    "w-autosave:save",
    function (event) {
      waiting = event;
    },
    true
  );

  document.addEventListener(
    "submit",
    function (event) {
      if (event.target.matches && event.target.matches("[data-edit-form]")) {
        stopAutosave(event.target);
      }
    },
    true
  );

  function watch(form) {
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeName === "INPUT" && ACTION_INPUTS.indexOf(node.name) !== -1) {
            stopAutosave(form);
          }
        });
      });
    }).observe(form, { childList: true });
  }

  function init() {
    document.querySelectorAll("form[data-edit-form]").forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
