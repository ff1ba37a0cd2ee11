/*
 * Lantern's anonymous chat widget (vanilla JavaScript, no build step).
 *
 * Privacy: no connection is opened and nothing is stored until the visitor presses
 * "Start chat" (or sends a left message). The visitor's token lives only in sessionStorage
 * (gone when the tab closes), never in a URL. All text is rendered with textContent; links
 * are built element by element, and only from operators' messages.
 *
 * Reliability: the server numbers every message per conversation. The widget remembers the
 * highest number it has shown and, after a reconnect or on a gap, asks for everything after
 * it; messages are shown in order and never twice. Each own message has a client id, so a
 * resend after a lost connection stores nothing twice.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-chat]");
  var configNode = document.getElementById("lantern-chat-config");
  if (!root || !configNode || !window.WebSocket) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var S = config.strings;
  var STORAGE_KEY = "lantern.chat";

  var panel = root.querySelector("#chat-panel");
  var launcher = root.querySelector("[data-chat-open]");
  var statusLine = root.querySelector("[data-chat-status]");
  var log = root.querySelector("[data-chat-log]");
  var typingLine = root.querySelector("[data-chat-typing]");
  var input = root.querySelector("#chat-input");
  var hint = root.querySelector("[data-chat-hint]");

  var socket = null;
  var state = load();
  var pending = {}; // client_id -> {text, element}
  var lastOperatorSeq = 0;
  var reconnectDelay = 1000;
  var heartbeat = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var ended = false;
  var afterConnect = null;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key];
    });
  }

  function load() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORAGE_KEY)) || null;
    } catch (e) {
      return null;
    }
  }

  function save() {
    try {
      if (state) {
        window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      } else {
        window.sessionStorage.removeItem(STORAGE_KEY);
      }
    } catch (e) { /* private mode without storage: the chat still works in this page */ }
  }

  function show(view) {
    root.querySelectorAll("[data-view]").forEach(function (node) {
      node.hidden = node.getAttribute("data-view") !== view;
    });
  }

  function setStatus(text) {
    statusLine.textContent = text || "";
  }

  function openPanel(event) {
    if (event) {
      event.preventDefault();
    }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    panel.querySelector("#chat-title").focus();
    if (!state && !socket) {
      checkAvailability();
    }
  }

  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  function checkAvailability() {
    show("intro");
    fetch(root.getAttribute("data-availability-url"), { credentials: "omit", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.open) {
          unavailable(S.closed);
        } else if (!data.accepting) {
          unavailable(S.noOperators);
        }
      })
      .catch(function () { /* offline: the start button will say so */ });
  }

  function unavailable(reason) {
    root.querySelector("[data-chat-unavailable-reason]").textContent = reason;
    show("unavailable");
  }

  // --- the socket ---------------------------------------------------------------------------

  function connect(onOpen) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-ws-path"));
    afterConnect = onOpen;
    socket.addEventListener("open", function () {
      reconnectDelay = 1000;
      setStatus("");
      if (afterConnect) {
        afterConnect();
      }
      clearInterval(heartbeat);
      heartbeat = setInterval(function () { send({ type: "ping" }); }, config.heartbeatSeconds * 1000);
    });
    socket.addEventListener("message", function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      handle(frame);
    });
    socket.addEventListener("close", function (event) {
      clearInterval(heartbeat);
      socket = null;
      if (ended || event.code === 4010 || event.code === 4011) {
        if (event.code === 4011 && !ended) {
          finish(S.ended);
        }
        return;
      }
      if (state && state.token) {
        setStatus(S.reconnecting);
        setTimeout(resume, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, 30000);
      }
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function resume() {
    connect(function () {
      send({ type: "resume", token: state.token, last_seq: state.lastSeq || 0 });
    });
  }

  function start(language, topic) {
    ended = false;
    connect(function () {
      send({ type: "start", language: language, topic: topic });
    });
  }

  // --- frames from the server ---------------------------------------------------------------

  function handle(frame) {
    switch (frame.type) {
      case "started":
        state = { token: frame.token, lastSeq: 0 };
        save();
        break;
      case "resumed":
        setStatus(S.connected);
        resendPending();
        break;
      case "state":
        onState(frame.conversation);
        break;
      case "queue":
        onQueue(frame);
        break;
      case "message":
        onMessage(frame);
        break;
      case "ack":
        onAck(frame);
        break;
      case "delivered":
        onDelivered(frame.seq);
        break;
      case "typing":
        onTyping();
        break;
      case "consent_request":
        onConsentRequest(frame);
        break;
      case "consent_recorded":
        onConsentRecorded(frame);
        break;
      case "message_left":
        finish(S.messageLeft, frame.withdrawal_code);
        break;
      case "ended":
        onEnded(frame);
        break;
      case "error":
        onError(frame);
        break;
      default:
        break;
    }
  }

  function onState(conversation) {
    if (conversation.status === "waiting") {
      show("queue");
      root.querySelector("[data-view=conversation]").hidden = false;
    } else if (conversation.status === "active") {
      show("conversation");
    } else if (conversation.status === "ending") {
      show("consent");
    }
    onDelivered(conversation.delivered_seq);
  }

  function onQueue(frame) {
    var minutes = Math.round(frame.estimated_wait_seconds / 60);
    var text = format(S.queue, { position: frame.position }) + " " +
      (minutes < 1 ? S.waitSoon : format(S.wait, { minutes: minutes }));
    root.querySelector("[data-chat-queue]").textContent = text;
  }

  function onMessage(frame) {
    if (log.querySelector("[data-seq='" + frame.seq + "']")) {
      return; // already shown: a resume or sync may repeat what we have
    }
    var own = frame.sender === "visitor" && pending[frame.client_id];
    var item = own ? pending[frame.client_id].element : document.createElement("li");
    item.setAttribute("data-seq", frame.seq);
    if (!own) {
      renderMessage(item, frame);
      insertInOrder(item, frame.seq);
    } else {
      markStatus(item, S.sent, "sent");
      delete pending[frame.client_id];
    }
    if (state) {
      state.lastSeq = Math.max(state.lastSeq || 0, frame.seq);
      save();
    }
    if (frame.sender !== "visitor") {
      lastOperatorSeq = Math.max(lastOperatorSeq, frame.seq);
      typingLine.hidden = true;
      send({ type: "received", seq: frame.seq });
    }
    if (frame.sender === "system" && root.querySelector("[data-view=queue]").hidden === false) {
      show("conversation");
    }
  }

  function insertInOrder(item, seq) {
    var after = null;
    log.querySelectorAll("[data-seq]").forEach(function (node) {
      if (Number(node.getAttribute("data-seq")) < seq) {
        after = node;
      }
    });
    if (after) {
      after.after(item);
    } else {
      log.prepend(item);
    }
  }

  function renderMessage(item, frame) {
    item.className = "chat__message chat__message--" + frame.sender;
    var who = document.createElement("span");
    who.className = "chat__who";
    who.textContent = frame.sender === "visitor" ? S.you : (frame.sender === "operator" ? S.adviser : "");
    var body = document.createElement("p");
    body.className = "chat__text";
    if (frame.segments) {
      frame.segments.forEach(function (segment) {
        if (segment.href && /^https?:\/\//i.test(segment.href)) {
          var link = document.createElement("a");
          link.href = segment.href;
          link.rel = "noopener noreferrer nofollow";
          link.target = "_blank";
          link.textContent = segment.text;
          body.appendChild(link);
        } else {
          body.appendChild(document.createTextNode(segment.text));
        }
      });
    } else {
      body.textContent = frame.text;
    }
    if (who.textContent) {
      item.appendChild(who);
    }
    item.appendChild(body);
  }

  function markStatus(item, text, className) {
    var status = item.querySelector(".chat__delivery");
    if (!status) {
      status = document.createElement("span");
      status.className = "chat__delivery";
      item.appendChild(status);
    }
    status.textContent = text;
    item.setAttribute("data-status", className);
  }

  function onAck(frame) {
    var entry = pending[frame.client_id];
    if (entry) {
      entry.element.setAttribute("data-seq", frame.seq);
      markStatus(entry.element, S.sent, "sent");
      delete pending[frame.client_id];
    }
    if (state) {
      // The ack proves our message is stored; the log is complete up to here only if no
      // earlier number is missing, so ask for anything we have not seen.
      if (frame.seq > (state.lastSeq || 0) + 1) {
        send({ type: "sync", after: state.lastSeq || 0 });
      } else {
        state.lastSeq = Math.max(state.lastSeq || 0, frame.seq);
        save();
      }
    }
  }

  function onDelivered(seq) {
    log.querySelectorAll(".chat__message--visitor[data-seq]").forEach(function (node) {
      if (Number(node.getAttribute("data-seq")) <= seq) {
        markStatus(node, S.delivered, "delivered");
      }
    });
  }

  function onTyping() {
    typingLine.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingLine.hidden = true; }, 4000);
  }

  function onConsentRequest(frame) {
    root.querySelectorAll("[data-view=consent] [data-consent-text]").forEach(function (node) {
      renderParagraphs(node, frame.text);
    });
    show("consent");
    root.querySelector("[data-view=consent] h3").setAttribute("tabindex", "-1");
    root.querySelector("[data-view=consent] h3").focus();
  }

  function onConsentRecorded(frame) {
    state.consentAnswered = true;
    if (frame.granted) {
      state.withdrawalCode = frame.withdrawal_code;
    }
    save();
    if (state && state.ending) {
      send({ type: "end" });
    } else {
      show("conversation");
    }
  }

  function onEnded(frame) {
    ended = true;
    var code = state && state.withdrawalCode;
    finish(code ? S.consentGranted : (frame.outcome === "quick_exit" ? S.endedHurry : S.ended), code);
  }

  function onError(frame) {
    if (frame.client_id && pending[frame.client_id]) {
      markStatus(pending[frame.client_id].element, frame.message || S.failed, "failed");
      if (frame.code !== "rate_limited") {
        delete pending[frame.client_id];
      }
      return;
    }
    setStatus(frame.message || S.error);
  }

  function finish(text, code) {
    ended = true;
    state = null;
    save();
    root.querySelector("[data-chat-ended-text]").textContent = text;
    var codeNode = root.querySelector("[data-chat-code]");
    codeNode.hidden = !code;
    codeNode.textContent = code ? S.withdrawalCode + " " + code : "";
    show("ended");
    if (socket) {
      socket.close(1000);
    }
  }

  function renderParagraphs(node, text) {
    node.textContent = "";
    text.split(/\n\n+/).forEach(function (paragraph) {
      var p = document.createElement("p");
      p.textContent = paragraph;
      node.appendChild(p);
    });
  }

  // --- the visitor's actions ----------------------------------------------------------------

  function newClientId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function sendMessage(text) {
    var clientId = newClientId();
    var item = document.createElement("li");
    renderMessage(item, { sender: "visitor", text: text });
    log.appendChild(item);
    markStatus(item, S.sending, "sending");
    pending[clientId] = { text: text, element: item };
    send({ type: "message", client_id: clientId, text: text });
    item.addEventListener("click", function () {
      if (item.getAttribute("data-status") === "failed") {
        pending[clientId] = { text: text, element: item };
        markStatus(item, S.sending, "sending");
        send({ type: "message", client_id: clientId, text: text });
      }
    });
  }

  function resendPending() {
    Object.keys(pending).forEach(function (clientId) {
      send({ type: "message", client_id: clientId, text: pending[clientId].text });
    });
  }

  launcher.addEventListener("click", openPanel);
  document.querySelectorAll("[data-chat-open]").forEach(function (node) {
    if (node !== launcher) {
      node.addEventListener("click", openPanel);
    }
  });
  root.querySelector("[data-chat-close]").addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closePanel();
    }
  });

  root.querySelector("[data-chat-start]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var topic = form.querySelector("input[name=topic]:checked");
    start(form.language.value, topic ? topic.value : "unsaid");
    show("queue");
  });

  root.querySelector("[data-chat-show-leave]").addEventListener("click", function () {
    show("leave");
    root.querySelector("#chat-leave-text").focus();
  });
  root.querySelectorAll("[data-view=leave] [data-consent-text]").forEach(function (node) {
    renderParagraphs(node, config.consentText);
  });

  root.querySelector("[data-chat-leave]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    if (!form.text.value.trim() || !form.consent.checked) {
      setStatus(S.error);
      (form.text.value.trim() ? form.consent : form.text).focus();
      return;
    }
    var frame = {
      type: "leave_message",
      language: root.getAttribute("data-language"),
      topic: "unsaid",
      text: form.text.value,
      contact: form.contact.value,
      consent: true
    };
    ended = true;
    connect(function () { send(frame); });
  });

  root.querySelector("[data-chat-composer]").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      return;
    }
    if (text.length > config.maxLength) {
      hint.textContent = format(S.tooLong, { max: config.maxLength });
      return;
    }
    hint.textContent = "";
    sendMessage(text);
    input.value = "";
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      root.querySelector("[data-chat-composer]").requestSubmit();
    }
  });

  input.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent > 3000) {
      lastTypingSent = now;
      send({ type: "typing" });
    }
  });

  root.querySelector("[data-chat-end]").addEventListener("click", function () {
    if (!state || !state.consentAnswered) {
      // Ask before leaving, in the conversation's language, with the server's exact wording.
      state.ending = true;
      save();
      send({ type: "consent_wording" });
    } else {
      send({ type: "end" });
    }
  });

  root.querySelector("[data-chat-consent]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    send({ type: "consent", grant: true, transcript: form.transcript.checked, contact: form.contact.value });
  });

  root.querySelector("[data-consent-decline]").addEventListener("click", function () {
    send({ type: "consent", grant: false });
    if (state) {
      state.ending = true;
      save();
    }
  });

  root.querySelector("[data-chat-restart]").addEventListener("click", function () {
    ended = false;
    log.textContent = "";
    pending = {};
    closePanel();
    show("intro");
  });

  // Quick exit: end the conversation at once, flagged so nobody contacts the visitor back.
  window.addEventListener("lantern:quick-exit", function () {
    ended = true;
    send({ type: "quick_exit" });
    state = null;
    save();
  });

  // A conversation in this tab survives reloads: resume it.
  if (state && state.token) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    show("conversation");
    resume();
  }
})();
