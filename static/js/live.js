// Live updates: asks the page it shows again every few seconds (conditional request: the server
// answers 304 while nothing changed, board/polling.py) and swaps the page's [data-live-region]
// elements. Without it the page works as before; a reload shows the same.
// - paused while the tab is in the background (visibilitychange), asks at once when it returns;
// - new items ([data-live-item] with an id) are announced politely in one aria-live region,
//   focus stays on the same item, and a region with a focused field or typed text waits;
// - new items are marked; the mark only fades where the person allows motion (CSS).
// The regions come from a rendering shared by everyone of the same role class; the person's own
// parts (the cards of their own posts and of posts they voted for, their posts waiting for
// approval, the mark on their own questions) come with them as JSON in #live-personal and are
// put in here.
(function () {
  "use strict";

  var regions = document.querySelectorAll("[data-live-region][id]");
  if (!regions.length || !window.fetch || !window.DOMParser) { return; }
  var first = regions[0];
  var interval = parseInt(first.getAttribute("data-live-interval"), 10) || 5000;
  var etag = null;
  var timer = null;
  var busy = false;

  var status = document.createElement("div");
  // Hidden from sight, not from screen readers (set through the CSSOM: a strict CSP allows it).
  ["position:absolute", "width:1px", "height:1px", "overflow:hidden", "clip:rect(0 0 0 0)",
    "white-space:nowrap"].forEach(function (rule) {
    var parts = rule.split(":");
    status.style.setProperty(parts[0], parts.slice(1).join(":"));
  });
  status.setAttribute("aria-live", "polite");
  status.setAttribute("data-live-status", "");
  document.body.appendChild(status);

  function announce(count) {
    if (!count) { return; }
    var one = first.getAttribute("data-live-new-one") || "";
    var many = first.getAttribute("data-live-new-many") || "";
    status.textContent = count === 1 ? one : many.replace("%(count)s", String(count));
  }

  function itemIds(root) {
    var ids = {};
    root.querySelectorAll("[data-live-item][id]").forEach(function (item) { ids[item.id] = true; });
    return ids;
  }

  function busyWithInput(region) {
    var active = document.activeElement;
    if (active && region.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      return true;
    }
    var fields = region.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value) { return true; }
    }
    return false;
  }

  function personalise(fresh) {
    var data = fresh.getElementById("live-personal");
    if (!data) { return; }
    var parts;
    try { parts = JSON.parse(data.textContent); } catch (error) { return; }
    Object.keys(parts.cards || {}).forEach(function (id) {
      var item = document.getElementById(id);
      var card = item && item.querySelector("[data-card]");
      if (card) { card.innerHTML = parts.cards[id]; }
    });
    Object.keys(parts.badges || {}).forEach(function (id) {
      var meta = document.querySelector("#" + id + " .thread-item__meta");
      if (meta && !meta.querySelector("[data-own-badge]")) {
        meta.insertAdjacentHTML("afterbegin", parts.badges[id]);
      }
    });
    (parts.pending || []).forEach(function (post) {
      if (document.getElementById(post.id)) { return; }
      var list;
      var parent = post.parent ? document.getElementById(post.parent) : null;
      if (post.parent) {
        if (!parent) { return; }
        list = parent.querySelector(":scope > ol");
        if (!list) {
          list = document.createElement("ol");
          list.className = "post-tree post-tree--nested";
          parent.appendChild(list);
        }
      } else {
        var answers = document.getElementById("antworten");
        if (!answers) { return; }
        list = answers.querySelector("ol.post-tree");
        if (!list) {
          list = document.createElement("ol");
          list.className = parts.flat ? "post-tree post-tree--flat" : "post-tree";
          var none = answers.querySelector("[data-no-answers]");
          if (none) { none.replaceWith(list); } else { answers.appendChild(list); }
        }
      }
      var holder = document.createElement("ol");
      holder.innerHTML = post.html;
      if (holder.firstElementChild) { list.appendChild(holder.firstElementChild); }
    });
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var added = 0;
    var waiting = false;
    regions.forEach(function (region) {
      var replacement = fresh.getElementById(region.id);
      if (!replacement || replacement.innerHTML === region.innerHTML) { return; }
      if (busyWithInput(region)) { waiting = true; return; }
      var before = itemIds(region);
      // Focus stays where it was: on the same item (by id) or the same button in it.
      var active = document.activeElement;
      var focusedItem = active && region.contains(active) && active.closest ? active.closest("[id]") : null;
      var focusedKey = active && focusedItem && active !== focusedItem ? active.getAttribute("data-key") : null;
      region.innerHTML = replacement.innerHTML;
      personalise(fresh);  // before the focus is put back: it may replace the focused card
      if (focusedItem) {
        var again = document.getElementById(focusedItem.id);
        var inner = again && focusedKey ? again.querySelector('[data-key="' + focusedKey + '"]') : null;
        if (inner) { inner.focus(); } else if (again) { again.focus(); }
      }
      region.querySelectorAll("[data-live-item][id]").forEach(function (item) {
        if (!before[item.id]) {
          item.classList.add("live-new");
          added += 1;
        }
      });
      ["class", "data-answering"].forEach(function (name) {
        if (replacement.hasAttribute(name)) { region.setAttribute(name, replacement.getAttribute(name)); }
      });
    });
    announce(added);
    document.dispatchEvent(new CustomEvent("live:updated"));
    return waiting;
  }

  function poll() {
    if (busy || document.visibilityState === "hidden") { return; }
    busy = true;
    var headers = { "X-Live-Poll": "1" };
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(window.location.href, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 304 || !response.ok) { return null; }
        var tag = response.headers.get("ETag");
        return response.text().then(function (html) {
          // A region that waited for the person keeps the old tag, so the next poll fetches again.
          if (!swap(html)) { etag = tag; }
        });
      })
      .catch(function () { /* offline for a moment: the next tick tries again */ })
      .finally(function () { busy = false; });
  }

  function start() {
    if (timer === null) { timer = window.setInterval(poll, interval); }
  }

  function stop() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      stop();
    } else {
      poll();
      start();
    }
  });
  start();
})();
