// One-keystroke moderation (the wall, the moderation queue): ↑/↓ (or J/K) choose an item
// ([data-key-item], focusable), a letter presses the item's button with that [data-key]. The
// buttons do the same without a script; the page lists its keys.
(function () {
  "use strict";

  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-key-item]")); }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var list = items();
    if (!list.length) { return; }
    var item = target && target.closest ? target.closest("[data-key-item]") : null;
    var index = item ? list.indexOf(item) : -1;
    var key = event.key.toLowerCase();
    if (key === "arrowdown" || key === "j") {
      event.preventDefault();
      list[Math.min(index + 1, list.length - 1)].focus();
    } else if (key === "arrowup" || key === "k") {
      event.preventDefault();
      list[Math.max(index - 1, 0)].focus();
    } else if (item && key.length === 1) {
      var button = item.querySelector('[data-key="' + key + '"]');
      if (button) {
        event.preventDefault();
        button.form.requestSubmit(button);
      }
    }
  });
})();
