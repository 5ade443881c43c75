// One search on hosted pages: Read the Docs' addons open their own search
// overlay on "/" and from their flyout menu, beside the archive's search.
// The supported switch is the project's dashboard (Settings > Addons >
// Search, docs/search.md); until it is off, this script hands both triggers
// to the archive's search instead. It acts only when the addons report that
// their search is enabled ("readthedocs-addons-data-ready", API version 1 as
// the page's meta tag asks), and never while the reader is typing.
(function () {
  "use strict";
  var hostSearch = false;

  document.addEventListener("readthedocs-addons-data-ready", function (event) {
    var config = event.detail && event.detail.data ? event.detail.data() : {};
    var search = config && config.addons && config.addons.search;
    hostSearch = Boolean(search && search.enabled);
  });

  function openArchiveSearch() {
    var field = document.getElementById("archive-search-q");
    if (field) {
      field.focus();
      return;
    }
    var button = document.querySelector(".search-button__button");
    if (button) {
      button.click();
    }
  }

  function typing(target) {
    return Boolean(
      target &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
    );
  }

  // Capturing on window runs before the addons' listeners on document.
  window.addEventListener(
    "keydown",
    function (event) {
      if (!hostSearch || event.key !== "/" || typing(event.target)) {
        return;
      }
      event.stopImmediatePropagation();
      event.preventDefault();
      openArchiveSearch();
    },
    true
  );
  window.addEventListener(
    "readthedocs-search-show",
    function (event) {
      event.stopImmediatePropagation();
      openArchiveSearch();
    },
    true
  );
})();
