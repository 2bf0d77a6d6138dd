/*
 * Live preview of an image's credit line on the image forms of the admin (add, edit and
 * each form of the multiple upload), built from the fields as they are typed, in the order
 * of CreditedImage.credit_parts(): "Foto © Urheber*in | Datenpartner: … | Lizenz | Vermerk".
 * The licence select carries what the script needs (data-credit-*, home/image_admin.py);
 * without JavaScript the form works as before, without the preview.
 */
(function () {
  "use strict";

  var FIELDS = ["kind", "creator", "rights_holder", "licence", "modification_note"];

  function fieldsOf(select) {
    var prefix = select.id.slice(0, select.id.length - "licence".length);
    var fields = {};
    FIELDS.forEach(function (name) {
      fields[name] = document.getElementById(prefix + name);
    });
    return fields;
  }

  function value(field) {
    return field ? field.value.trim() : "";
  }

  function creditLine(select) {
    var fields = fieldsOf(select);
    var names = JSON.parse(select.getAttribute("data-credit-names") || "{}");
    var parts = [];
    if (value(fields.creator)) {
      parts.push((value(fields.kind) + " © " + value(fields.creator)).trim());
    }
    if (value(fields.rights_holder)) {
      parts.push(
        select.getAttribute("data-credit-partner").replace("%(holder)s", value(fields.rights_holder))
      );
    }
    if (value(fields.licence)) {
      parts.push(names[value(fields.licence)] || value(fields.licence));
    }
    if (value(fields.modification_note)) {
      parts.push(value(fields.modification_note));
    }
    return parts.join(" | ");
  }

  function previewFor(select) {
    var id = select.id + "-vorschau";
    var preview = document.getElementById(id);
    if (preview) {
      return preview;
    }
    preview = document.createElement("div");
    preview.id = id;
    preview.className = "credit-preview help-block";
    preview.setAttribute("aria-live", "polite");
    var heading = document.createElement("p");
    heading.className = "credit-preview__heading";
    heading.textContent = select.getAttribute("data-credit-heading");
    var line = document.createElement("p");
    line.className = "credit-preview__line";
    preview.appendChild(heading);
    preview.appendChild(line);
    var wrapper = select.closest(".w-field__wrapper") || select.parentNode;
    wrapper.parentNode.insertBefore(preview, wrapper.nextSibling);
    return preview;
  }

  function update(select) {
    var line = creditLine(select);
    previewFor(select).querySelector(".credit-preview__line").textContent =
      line || select.getAttribute("data-credit-empty");
  }

  function updateAll() {
    document.querySelectorAll("select[data-credit-names]").forEach(update);
  }

  function onEdit(event) {
    var form = event.target.form || (event.target.closest && event.target.closest("form"));
    if (!form) {
      return;
    }
    form.querySelectorAll("select[data-credit-names]").forEach(update);
  }

  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateAll);
  } else {
    updateAll();
  }
  // The multiple upload inserts an edit form per uploaded image.
  new MutationObserver(function () {
    document.querySelectorAll("select[data-credit-names]").forEach(function (select) {
      if (!document.getElementById(select.id + "-vorschau")) {
        update(select);
      }
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
