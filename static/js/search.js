// Search enhancements; every page works without this file.
//
// 1. Autocomplete for every input with `data-autocomplete-url` (the header search box and the
//    search page): the ARIA 1.2 combobox pattern (input + listbox, arrow keys, Enter, Escape).
//    Choosing a suggestion opens it; Enter without a chosen suggestion submits the form as usual.
// 2. 'Ähnliche Fragen' for an input with `data-similar-url` (the board's question title):
//    questions similar to what is being typed are listed in the element whose id is given in
//    `data-similar-target`; `data-similar-edition` (an edition id, or the id of a <select>
//    holding one) ranks that edition's questions first.
(function () {
  "use strict";

  var DELAY = 200;
  var counter = 0;

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      var self = this;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fn.apply(self, args);
      }, wait);
    };
  }

  function fetchJSON(url, signal) {
    return window
      .fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      });
  }

  function withQuery(base, params) {
    var url = new URL(base, window.location.href);
    Object.keys(params).forEach(function (key) {
      if (params[key] !== "" && params[key] !== null && params[key] !== undefined) {
        url.searchParams.set(key, params[key]);
      }
    });
    return url.toString();
  }

  function Autocomplete(input) {
    counter += 1;
    this.input = input;
    this.url = input.getAttribute("data-autocomplete-url");
    this.form = input.form;
    this.items = [];
    this.active = -1;
    this.controller = null;
    this.id = "autocomplete-" + counter;

    this.list = document.createElement("ul");
    this.list.id = this.id;
    this.list.className = "autocomplete";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", input.getAttribute("data-autocomplete-label") || "Vorschläge");
    this.list.hidden = true;

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");

    var container = input.parentNode;
    container.appendChild(this.list);
    container.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.id);
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", debounce(this.update.bind(this), DELAY));
    input.addEventListener("keydown", this.onKeyDown.bind(this));
    input.addEventListener("blur", function () {
      window.setTimeout(this.close.bind(this), 150);
    }.bind(this));
    this.list.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the input
    });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        this.choose(Number(option.getAttribute("data-index")));
      }
    }.bind(this));
  }

  Autocomplete.prototype.update = function () {
    var value = this.input.value.trim();
    if (value.length < 2) {
      this.close();
      return;
    }
    if (this.controller) {
      this.controller.abort();
    }
    this.controller = window.AbortController ? new AbortController() : null;
    fetchJSON(withQuery(this.url, { q: value }), this.controller && this.controller.signal)
      .then(this.render.bind(this))
      .catch(function () {
        /* no suggestions: the form still works */
      });
  };

  Autocomplete.prototype.render = function (data) {
    this.items = (data && data.results) || [];
    this.active = -1;
    this.list.textContent = "";
    this.input.removeAttribute("aria-activedescendant");
    if (!this.items.length) {
      this.close();
      return;
    }
    this.items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = this.id + "-" + index;
      option.className = "autocomplete__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      var title = document.createElement("span");
      title.textContent = item.title;
      var type = document.createElement("span");
      type.className = "autocomplete__type";
      type.textContent = item.type;
      option.appendChild(title);
      option.appendChild(type);
      this.list.appendChild(option);
    }, this);
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    var template = this.input.getAttribute("data-autocomplete-status") || "{count}";
    this.status.textContent = template.replace("{count}", String(this.items.length));
  };

  Autocomplete.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Autocomplete.prototype.highlight = function (index) {
    var options = this.list.querySelectorAll("[role=option]");
    if (!options.length) {
      return;
    }
    index = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    this.active = index;
    this.input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  };

  Autocomplete.prototype.choose = function (index) {
    var item = this.items[index];
    if (item) {
      this.input.value = item.title;
      this.close();
      window.location.assign(item.url);
    }
  };

  Autocomplete.prototype.onKeyDown = function (event) {
    var open = !this.list.hidden;
    if (event.key === "ArrowDown") {
      if (!open) {
        this.update();
        return;
      }
      event.preventDefault();
      this.highlight(this.active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      this.highlight(this.active - 1);
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    }
  };

  function SimilarQuestions(input) {
    this.input = input;
    this.url = input.getAttribute("data-similar-url");
    this.target = document.getElementById(input.getAttribute("data-similar-target"));
    this.controller = null;
    if (!this.target) {
      return;
    }
    // The list sits right after the field (components/form_fields.html), so Tab from the title
    // reaches it; its count is announced through the polite status next to it (made here where
    // a template has none). The focus always stays where the person is typing.
    this.status = document.getElementById(this.target.id + "-status");
    if (!this.status) {
      this.status = document.createElement("p");
      this.status.className = "visually-hidden";
      this.status.setAttribute("aria-live", "polite");
      this.target.parentNode.insertBefore(this.status, this.target.nextSibling);
    }
    input.addEventListener("input", debounce(this.update.bind(this), 400));
  }

  SimilarQuestions.prototype.edition = function () {
    var value = this.input.getAttribute("data-similar-edition") || "";
    var field = value && document.getElementById(value);
    return field ? field.value : value;
  };

  SimilarQuestions.prototype.clear = function () {
    this.target.textContent = "";
    this.status.textContent = "";
  };

  SimilarQuestions.prototype.update = function () {
    var value = this.input.value.trim();
    if (this.controller) {
      this.controller.abort();
      this.controller = null;
    }
    if (value.length < 8) {
      this.clear();
      return;
    }
    this.controller = window.AbortController ? new AbortController() : null;
    var url = withQuery(this.url, {
      q: value,
      ausgabe: this.edition(),
      ohne: this.input.getAttribute("data-similar-exclude") || "",
    });
    fetchJSON(url, this.controller && this.controller.signal)
      .then(this.render.bind(this))
      .catch(function () {});
  };

  SimilarQuestions.prototype.render = function (data) {
    this.target.textContent = "";
    if (!data || !data.results || !data.results.length) {
      this.status.textContent = "";
      return;
    }
    var heading = document.createElement("p");
    heading.className = "similar-questions__heading";
    heading.id = this.target.id + "-heading";
    heading.textContent = data.heading;
    var list = document.createElement("ul");
    list.setAttribute("aria-labelledby", heading.id);
    data.results.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      entry.appendChild(link);
      var details = [item.status, item.replies_label].filter(Boolean).join(" · ");
      if (details) {
        var meta = document.createElement("span");
        meta.className = "similar-questions__meta";
        meta.textContent = " (" + details + ")";
        entry.appendChild(meta);
      }
      list.appendChild(entry);
    });
    this.target.appendChild(heading);
    this.target.appendChild(list);
    this.status.textContent = data.announcement || "";
  };

  function init() {
    if (!window.fetch || !window.URL) {
      return;
    }
    document.querySelectorAll("input[data-autocomplete-url]").forEach(function (input) {
      new Autocomplete(input);
    });
    document.querySelectorAll("input[data-similar-url], textarea[data-similar-url]").forEach(function (input) {
      new SimilarQuestions(input);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
