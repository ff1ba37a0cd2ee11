/*
 * The operator console (Wagtail admin → Chat console). Vanilla JavaScript.
 *
 * Every text from visitors is rendered with textContent. The server checks the operator's
 * permission on every frame; this script only shows what it is told.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-console]");
  var configNode = document.getElementById("lantern-console-config");
  if (!root || !configNode) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var strings = config.strings;
  var template = root.querySelector("[data-conversation-template]");
  var queueList = root.querySelector("[data-queue]");
  var conversationsNode = root.querySelector("[data-conversations]");
  var connection = root.querySelector("[data-connection]");
  var availableBox = root.querySelector("[data-available]");
  var maxChatsInput = root.querySelector("[data-max-chats]");
  var soundBox = root.querySelector("[data-sound]");
  var baseTitle = document.title;

  var socket = null;
  var heartbeat = null;
  var reconnectDelay = 1000;
  var stopped = false;
  var conversations = {}; // id -> {node, lastSeq, summary}
  var knownWaiting = {};

  try {
    soundBox.checked = window.localStorage.getItem("lantern.console.sound") !== "off";
  } catch (e) { /* storage unavailable */ }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function newClientId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + config.wsPath);
    socket.addEventListener("open", function () {
      reconnectDelay = 1000;
      connection.textContent = strings.connected;
      clearInterval(heartbeat);
      heartbeat = setInterval(function () { send({ type: "ping" }); }, config.heartbeatSeconds * 1000);
    });
    socket.addEventListener("message", function (event) {
      handle(JSON.parse(event.data));
    });
    socket.addEventListener("close", function (event) {
      clearInterval(heartbeat);
      if (event.code === 4001 || event.code === 4003) {
        stopped = true;
        connection.textContent = strings.forbidden;
        return;
      }
      if (!stopped) {
        connection.textContent = strings.reconnecting;
        setTimeout(connect, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, 30000);
      }
    });
  }

  function handle(frame) {
    switch (frame.type) {
      case "state":
        onState(frame);
        break;
      case "queue":
        renderQueue(frame.queue);
        break;
      case "status":
        renderStatus(frame);
        break;
      case "accepted":
      case "assigned":
        openConversation(frame.conversation);
        break;
      case "unassigned":
        removeConversation(frame.conversation);
        break;
      case "message":
        onMessage(frame);
        break;
      case "ack":
        onAck(frame);
        break;
      case "delivered":
        onDelivered(frame);
        break;
      case "typing":
        onTyping(frame);
        break;
      case "conversation_closed":
        onClosed(frame);
        break;
      case "lead_saved":
        onLeadSaved(frame);
        break;
      case "error":
        onError(frame);
        break;
      default:
        break;
    }
  }

  // --- status and queue ---------------------------------------------------------------------

  function onState(frame) {
    renderStatus(frame.operator);
    renderQueue(frame.queue);
    frame.conversations.forEach(openConversation);
  }

  function renderStatus(status) {
    availableBox.checked = !!status.available;
    maxChatsInput.value = status.max_chats;
    root.querySelectorAll("[data-language]").forEach(function (box) {
      box.checked = status.languages.indexOf(box.value) !== -1;
    });
  }

  function sendStatus() {
    var languages = [];
    root.querySelectorAll("[data-language]:checked").forEach(function (box) { languages.push(box.value); });
    send({
      type: "status",
      available: availableBox.checked,
      languages: languages,
      max_chats: Number(maxChatsInput.value) || 3
    });
  }

  function renderQueue(queue) {
    queueList.textContent = "";
    var fresh = false;
    var seen = {};
    queue.forEach(function (item) {
      seen[item.id] = true;
      if (!knownWaiting[item.id]) {
        fresh = fresh || item.matches_language || item.waiting_seconds > 30;
      }
      var li = document.createElement("li");
      li.className = "queue-item" + (item.matches_language ? " queue-item--match" : "");
      var text = document.createElement("span");
      text.textContent = "#" + item.id + " · " + item.language.toUpperCase() + " · " + item.topic_label +
        " · " + format(strings.waiting, { minutes: Math.floor(item.waiting_seconds / 60) }) +
        (item.matches_language ? " · " + strings.inLanguage : "") +
        (item.visitor_online ? "" : " · " + strings.offline);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small";
      button.textContent = strings.accept;
      button.setAttribute("aria-label", strings.accept + " #" + item.id);
      button.addEventListener("click", function () {
        send({ type: "accept", conversation: item.id });
      });
      li.appendChild(text);
      li.appendChild(button);
      queueList.appendChild(li);
    });
    knownWaiting = seen;
    root.querySelector("[data-queue-count]").textContent = String(queue.length);
    root.querySelector("[data-queue-empty]").hidden = queue.length > 0;
    document.title = queue.length ? "(" + queue.length + ") " + baseTitle : baseTitle;
    if (fresh) {
      signal();
    }
  }

  function signal() {
    if (!soundBox.checked || !window.AudioContext) {
      return;
    }
    try {
      var context = new window.AudioContext();
      var oscillator = context.createOscillator();
      var gain = context.createGain();
      oscillator.frequency.value = 660;
      gain.gain.value = 0.1;
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start();
      oscillator.stop(context.currentTime + 0.25);
    } catch (e) { /* no audio: the title still changes */ }
  }

  // --- conversations ------------------------------------------------------------------------

  function openConversation(summary) {
    var entry = conversations[summary.id];
    if (!entry) {
      var node = template.content.firstElementChild.cloneNode(true);
      entry = { node: node, lastSeq: 0, summary: summary, pending: {} };
      conversations[summary.id] = entry;
      wire(entry);
      conversationsNode.appendChild(node);
    }
    entry.summary = summary;
    entry.node.querySelector("[data-title]").textContent = "#" + summary.id;
    entry.node.querySelector("[data-meta]").textContent =
      summary.language.toUpperCase() + " · " + summary.topic_label;
    entry.node.querySelector("[data-lead-form]").hidden = !summary.has_lead;
    root.querySelector("[data-conversations-empty]").hidden = true;
    return entry;
  }

  function removeConversation(id) {
    var entry = conversations[id];
    if (entry) {
      entry.node.remove();
      delete conversations[id];
    }
    root.querySelector("[data-conversations-empty]").hidden = Object.keys(conversations).length > 0;
  }

  function wire(entry) {
    var node = entry.node;
    var id = function () { return entry.summary.id; };
    var canned = node.querySelector("[data-canned]");
    config.canned.forEach(function (item) {
      var option = document.createElement("option");
      option.value = String(item.id);
      option.textContent = item.title;
      canned.appendChild(option);
    });
    canned.addEventListener("change", function () {
      var item = config.canned.filter(function (c) { return String(c.id) === canned.value; })[0];
      if (item) {
        var text = item.texts[entry.summary.language] || item.texts.lv || "";
        node.querySelector("[data-composer] textarea").value = text;
      }
      canned.value = "";
    });
    var operators = node.querySelector("[data-operators]");
    config.operators.forEach(function (operator) {
      var option = document.createElement("option");
      option.value = String(operator.id);
      option.textContent = operator.name;
      operators.appendChild(option);
    });
    config.forms.forEach(function (item) { addOption(node.querySelector("[data-forms]"), item); });
    config.urgencies.forEach(function (item) { addOption(node.querySelector("[data-urgencies]"), item); });

    var composer = node.querySelector("[data-composer]");
    var textarea = composer.querySelector("textarea");
    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = textarea.value.trim();
      if (!text) {
        return;
      }
      var clientId = newClientId();
      var item = appendLine(entry, { sender: "operator", kind: "text", text: text });
      entry.pending[clientId] = item;
      send({ type: "message", conversation: id(), client_id: clientId, text: text });
      textarea.value = "";
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    var lastTyping = 0;
    textarea.addEventListener("input", function () {
      if (Date.now() - lastTyping > 3000) {
        lastTyping = Date.now();
        send({ type: "typing", conversation: id() });
      }
    });
    node.querySelector("[data-note-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var field = event.target.querySelector("textarea");
      if (field.value.trim()) {
        send({ type: "note", conversation: id(), client_id: newClientId(), text: field.value });
        field.value = "";
      }
    });
    node.querySelector("[data-request-consent]").addEventListener("click", function () {
      send({ type: "request_consent", conversation: id() });
    });
    node.querySelector("[data-transfer-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      send({ type: "transfer", conversation: id(), to: Number(form.to.value), note: form.note.value });
    });
    node.querySelector("[data-end]").addEventListener("click", function () {
      send({ type: "end", conversation: id() });
    });
    node.querySelector("[data-lead-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      send({
        type: "lead",
        conversation: id(),
        fields: {
          form_of_exploitation: form.form_of_exploitation.value,
          urgency: form.urgency.value,
          location: form.location.value,
          summary: form.summary.value,
          safe_contact: form.safe_contact.value
        }
      });
    });
  }

  function addOption(select, item) {
    var option = document.createElement("option");
    option.value = item.value;
    option.textContent = item.label;
    select.appendChild(option);
  }

  function appendLine(entry, frame) {
    var log = entry.node.querySelector("[data-log]");
    var item = document.createElement("li");
    item.className = "line line--" + frame.sender + (frame.kind === "note" ? " line--note" : "");
    var who = document.createElement("span");
    who.className = "line__who";
    who.textContent = frame.kind === "note" ? strings.note :
      (frame.sender === "visitor" ? strings.visitor : (frame.sender === "operator" ? strings.you : ""));
    var text = document.createElement("span");
    text.className = "line__text";
    text.textContent = frame.text; // visitors' text is never HTML
    if (who.textContent) {
      item.appendChild(who);
    }
    item.appendChild(text);
    if (frame.seq) {
      item.setAttribute("data-seq", frame.seq);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function onMessage(frame) {
    var entry = conversations[frame.conversation];
    if (!entry) {
      return;
    }
    var log = entry.node.querySelector("[data-log]");
    if (log.querySelector("[data-seq='" + frame.seq + "']")) {
      return;
    }
    if (frame.seq > entry.lastSeq + 1) {
      send({ type: "sync", conversation: frame.conversation, after: entry.lastSeq });
    }
    var mine = frame.sender === "operator" && entry.pending[frame.client_id];
    if (mine) {
      mine.setAttribute("data-seq", frame.seq);
      delete entry.pending[frame.client_id];
    } else {
      appendLine(entry, frame);
    }
    entry.lastSeq = Math.max(entry.lastSeq, frame.seq);
    if (frame.sender === "visitor") {
      entry.node.querySelector("[data-typing]").hidden = true;
      send({ type: "received", conversation: frame.conversation, seq: frame.seq });
    }
    if (frame.event === "consent_granted") {
      entry.node.querySelector("[data-lead-form]").hidden = false;
      showAlert(entry, strings.consentGranted);
    }
  }

  function onAck(frame) {
    var entry = conversations[frame.conversation];
    var item = entry && entry.pending[frame.client_id];
    if (item) {
      item.setAttribute("data-seq", frame.seq);
      item.setAttribute("data-status", "sent");
      item.title = strings.sent;
      delete entry.pending[frame.client_id];
    }
  }

  function onDelivered(frame) {
    var entry = conversations[frame.conversation];
    if (!entry) {
      return;
    }
    entry.node.querySelectorAll(".line--operator[data-seq]").forEach(function (item) {
      if (Number(item.getAttribute("data-seq")) <= frame.seq) {
        item.setAttribute("data-status", "delivered");
        item.title = strings.delivered;
      }
    });
  }

  function onTyping(frame) {
    var entry = conversations[frame.conversation];
    if (entry) {
      var line = entry.node.querySelector("[data-typing]");
      line.hidden = false;
      clearTimeout(entry.typingTimer);
      entry.typingTimer = setTimeout(function () { line.hidden = true; }, 4000);
    }
  }

  function showAlert(entry, text) {
    var alert = entry.node.querySelector("[data-alert]");
    alert.textContent = text;
    alert.hidden = false;
  }

  function onClosed(frame) {
    var entry = conversations[frame.conversation];
    if (!entry) {
      return;
    }
    showAlert(entry, frame.do_not_contact ? strings.closedHurry : strings.closed);
    entry.node.classList.add("conversation--closed");
    entry.node.querySelectorAll("[data-composer] button, [data-composer] textarea, [data-note-form] button, [data-request-consent], [data-transfer-form] button, [data-end]")
      .forEach(function (control) { control.disabled = true; });
  }

  function onLeadSaved(frame) {
    var entry = conversations[frame.conversation];
    if (entry) {
      entry.node.querySelector("[data-lead-status]").textContent = strings.leadSaved;
    }
  }

  function onError(frame) {
    var entry = frame.conversation && conversations[frame.conversation];
    if (entry) {
      showAlert(entry, frame.message);
    } else {
      connection.textContent = frame.message;
    }
  }

  availableBox.addEventListener("change", sendStatus);
  maxChatsInput.addEventListener("change", sendStatus);
  root.querySelectorAll("[data-language]").forEach(function (box) { box.addEventListener("change", sendStatus); });
  soundBox.addEventListener("change", function () {
    try {
      window.localStorage.setItem("lantern.console.sound", soundBox.checked ? "on" : "off");
    } catch (e) { /* storage unavailable */ }
  });

  connect();
})();
