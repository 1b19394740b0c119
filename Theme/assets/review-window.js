/* Recomputes each review window's status for the reader's own day.
   The page states the status as of the build day; this keeps it true on the day it is read.
   An element [data-review-end="YYYY-MM-DD"] holds .status and .as-of children. */
(function () {
  "use strict";
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var todayText = months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
  var windows = document.querySelectorAll("[data-review-end]");
  for (var i = 0; i < windows.length; i++) {
    var element = windows[i];
    var end = element.getAttribute("data-review-end");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) { continue; }
    /* The end day itself is still open (ReviewWindow.status in the staffing module). */
    var open = today <= end;
    var status = element.querySelector(".status");
    var sentence = element.querySelector(".status-sentence");
    var asOf = element.querySelector(".as-of time");
    if (status) {
      status.textContent = open ? "Open" : "Closed";
      status.className = "status " + (open ? "status-open" : "status-closed");
    }
    if (sentence) { sentence.textContent = open ? "open until" : "closed on"; }
    if (asOf) {
      asOf.setAttribute("datetime", today);
      asOf.textContent = todayText;
    }
    element.setAttribute("data-status", open ? "open" : "closed");
  }
}());
