/*
 * The chat's launcher, on every public page (an ES module, vanilla JavaScript, no build step).
 * The chat itself, chat-panel.js (and the socket client and the proof of work it loads), comes
 * only when the visitor opens the chat, or when this tab has a conversation to resume: most
 * visitors never open it, and every page stays light for them.
 */
function boot() {
  var root = document.querySelector("[data-chat]");
  if (!root || !window.WebSocket || !window.JSON || !window.Promise) {
    return;
  }
  var launcher = root.querySelector("[data-chat-launcher]");
  var openers = [launcher].concat(Array.prototype.slice.call(document.querySelectorAll("[data-chat-open]")));
  var loading = null;

  /* Load the panel (once); from then on it answers the launcher itself. */
  function load() {
    if (!loading) {
      loading = import("./chat-panel.js").then(function (module) {
        openers.forEach(function (node) { node.removeEventListener("click", open); });
        return module.start();
      });
      loading.catch(function () {
        loading = null; // offline, say: the next press tries again
      });
    }
    return loading;
  }

  function open(event) {
    event.preventDefault();
    var opener = event.currentTarget;
    load().then(function (chat) {
      if (chat && !chat.isOpen()) {
        chat.open({ currentTarget: opener, preventDefault: function () {} });
      }
    });
  }

  openers.forEach(function (node) { node.addEventListener("click", open); });
  launcher.hidden = false;
  try {
    if (window.sessionStorage.getItem("lantern.chat")) { // chat-panel.js's STORAGE_KEY
      load(); // a conversation in this tab: the panel resumes it
    }
  } catch (e) { /* no storage: nothing to resume */ }
}

boot();
