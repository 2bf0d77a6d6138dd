// Wiki enhancements. Without this file every embed still offers a plain link to the original.
(function () {
  "use strict";

  // Embeds: nothing is requested from the provider until the reader presses the button.
  function loadEmbed(button) {
    var src = button.getAttribute("data-embed-src");
    var figure = button.closest("[data-embed]");
    if (!src || !figure) {
      return;
    }
    var placeholder = figure.querySelector("[data-embed-placeholder]");
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = button.getAttribute("data-embed-title") || "";
    frame.className = "embed__frame";
    frame.setAttribute("allow", "fullscreen; picture-in-picture; encrypted-media");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("allowfullscreen", "");
    figure.insertBefore(frame, placeholder);
    placeholder.remove();
    frame.focus();
  }

  document.querySelectorAll("[data-embed-load]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      loadEmbed(button);
    });
  });
})();
