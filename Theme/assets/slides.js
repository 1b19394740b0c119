/* Slide view: one slide at a time; ←/→ (and PageUp/PageDown), Home/End; #slide-N in the address.
   Plain script, no modules or requests, so it works opened from file://. Without it every slide shows. */
(function () {
  "use strict";
  var deck = document.querySelector(".slide-deck");
  if (!deck) { return; }
  var slides = Array.prototype.slice.call(deck.querySelectorAll("section.slide"));
  var controls = deck.querySelector(".slide-controls");
  if (!slides.length || !controls) { return; }
  var previous = controls.querySelector(".slide-prev");
  var next = controls.querySelector(".slide-next");
  var position = controls.querySelector(".slide-position");
  var current = 0;

  /* The slide a hash names: #slide-N, or any anchor inside a slide. */
  function indexFromHash() {
    var hash = window.location.hash;
    var match = /^#slide-(\d+)$/.exec(hash);
    if (match) {
      var number = parseInt(match[1], 10);
      return Math.min(Math.max(number, 1), slides.length) - 1;
    }
    if (hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(hash.slice(1)));
      for (var i = 0; i < slides.length; i++) {
        if (target && slides[i].contains(target)) { return i; }
      }
    }
    return 0;
  }

  function show(index, updateAddress) {
    current = Math.min(Math.max(index, 0), slides.length - 1);
    for (var i = 0; i < slides.length; i++) { slides[i].hidden = i !== current; }
    position.textContent = "Slide " + (current + 1) + " of " + slides.length;
    previous.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    if (updateAddress) {
      var hash = "#slide-" + (current + 1);
      if (window.location.hash !== hash) {
        try { window.history.replaceState(null, "", hash); } catch (error) { window.location.hash = hash; }
      }
    }
  }

  document.documentElement.classList.add("slide-view-active");
  controls.hidden = false;
  previous.addEventListener("click", function () { show(current - 1, true); });
  next.addEventListener("click", function () { show(current + 1, true); });
  window.addEventListener("hashchange", function () { show(indexFromHash(), false); });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) { return; }
    var moves = { ArrowRight: current + 1, PageDown: current + 1, ArrowLeft: current - 1, PageUp: current - 1,
                  Home: 0, End: slides.length - 1 };
    if (!Object.prototype.hasOwnProperty.call(moves, event.key)) { return; }
    event.preventDefault();
    show(moves[event.key], true);
  });
  show(indexFromHash(), false);
}());
