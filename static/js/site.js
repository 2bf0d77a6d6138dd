// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";
})();
