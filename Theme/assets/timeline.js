/* Recomputes each due step of a consultation's timeline for the reader's own day.
   The page states the steps as of the build day; a step [data-due="YYYY-MM-DD"] is due up to and
   including that day (ConsultationTimeline in the staffing module) and becomes its
   data-after-state ("done" or "not-on-file") from the next. */
(function () {
  "use strict";
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function dayNumber(text) {
    var parts = text.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) / 86400000;
  }
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var labels = { "done": "Done", "not-on-file": "Not on file" };
  var steps = document.querySelectorAll("[data-due]");
  for (var i = 0; i < steps.length; i++) {
    var step = steps[i];
    var due = step.getAttribute("data-due");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) { continue; }
    var state = step.querySelector(".step-state");
    var left = step.querySelector(".days-left");
    var days = dayNumber(due) - dayNumber(today);
    if (days >= 0) {
      if (left) { left.textContent = "(" + (days === 0 ? "due today" : days + (days === 1 ? " day" : " days") + " left") + ")"; }
      continue;
    }
    var after = step.getAttribute("data-after-state") === "not-on-file" ? "not-on-file" : "done";
    step.className = step.className.replace(/\bstep-due\b/, "step-" + after);
    step.setAttribute("data-state", after);
    if (state) { state.textContent = labels[after]; }
    if (left) { left.textContent = ""; }
    var date = step.querySelector(".step-date");
    if (date && after === "not-on-file") { date.textContent = ""; }
  }
  var asOf = document.querySelectorAll(".timeline-as-of");
  for (var j = 0; j < asOf.length; j++) {
    asOf[j].setAttribute("datetime", today);
    asOf[j].textContent = months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
  }
}());
