/*
 * Quick exit: leave the site at once, leaving as little behind as a script can.
 *
 * - the "Quick exit" link (data-quick-exit) works without JavaScript as a plain link;
 * - with JavaScript it, or pressing Shift three times in a row within two seconds, hides the
 *   page, tells any listener (the chat) that the visitor left in a hurry, clears this site's
 *   sessionStorage and localStorage (the chat token lives there), and replaces the current
 *   history entry with the neutral destination, so Back does not return here. A listener
 *   may hold the exit back briefly (see waitUntil below; at most MAX_WAIT_MS).
 *
 * Only Shift presses with no other key in between count: typing capital letters (Shift+A,
 * Shift+B, ...) never sets off an exit.
 */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var WINDOW_MS = 2000;
  var MAX_WAIT_MS = 800;  // the page is hidden meanwhile
  var presses = [];
  var leaving = false;

  function destination() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.href : "about:blank";
  }

  function quickExit(event) {
    if (event) {
      event.preventDefault();
    }
    var target = destination();
    var waits = [];
    var again = leaving;
    document.documentElement.classList.add("is-exiting");
    if (!leaving) {
      leaving = true;  // the chat hears it once, however often the visitor presses
      try {
        // A listener with something to send first (the chat's "quick exit" frame) passes a
        // promise to waitUntil; the exit waits for it, but never longer than MAX_WAIT_MS.
        window.dispatchEvent(new CustomEvent("lantern:quick-exit", {
          detail: { waitUntil: function (promise) { waits.push(promise); } }
        }));
      } catch (e) { /* a listener failing must not stop the exit */ }
    }
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    if (!waits.length || again || !window.Promise) {
      window.location.replace(target);
      return;
    }
    var gone = false;
    var go = function () {
      if (!gone) {
        gone = true;
        window.location.replace(target);
      }
    };
    Promise.all(waits).then(go, go);
    setTimeout(go, MAX_WAIT_MS);
  }

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("[data-quick-exit]");
    if (link) {
      quickExit(event);
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    if (event.repeat) {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= SHIFT_PRESSES) {
      presses = [];
      quickExit();
    }
  }, true);

  // A page brought back from the back/forward cache must not stay hidden.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      leaving = false;
      presses = [];
      document.documentElement.classList.remove("is-exiting");
    }
  });

  window.LanternQuickExit = quickExit;
})();
