/* Live character counter for the comment box; the server checks the same count on submit. */
(function () {
  "use strict";
  function count(text) {
    // Same rule as the server: CRLF/CR -> LF, NFC, trim, then count code points.
    var t = text.replace(/\r\n?/g, "\n");
    if (t.normalize) { t = t.normalize("NFC"); }
    return Array.from(t.trim()).length;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("field-body");
    var out = document.getElementById("body-count-n");
    if (!box || !out) { return; }
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    var update = function () {
      var n = count(box.value);
      out.textContent = String(n);
      out.parentNode.classList.toggle("over", n > limit);
    };
    box.addEventListener("input", update);
    update();
  });
})();
