/*
 * The operator console (Wagtail admin → Chat console). An ES module, vanilla JavaScript;
 * protocol: docs/chat-protocol.md; the socket (connection, heartbeat, reconnecting, close
 * codes) is chat-socket.js, shared with the visitor's widget.
 *
 * Every text from visitors is rendered with textContent. The server checks the operator's
 * permission on every frame; this script only shows what it is told. Messages are numbered
 * per conversation: each is shown once, in order, and a gap makes the console ask for what
 * it missed.
 */
import { ChatSocket, Outbox, newClientId, protocol } from "./chat-socket.js";

function start() {
  var root = document.querySelector("[data-console]");
  var configNode = document.getElementById("lantern-console-config");
  if (!root || !configNode || !window.WebSocket) {
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
  var notifyBox = root.querySelector("[data-notify]");
  var switcher = root.querySelector("[data-conversation-list]");
  var orderSelect = root.querySelector("[data-order]");
  var announcer = root.querySelector("[data-announce]");
  var shortcuts = root.querySelector("[data-shortcuts]");
  var shortcutsButton = root.querySelector("[data-shortcuts-open]");
  var selected = null; // the conversation on screen
  var baseTitle = document.title;

  var conversations = {}; // id -> {node, lastSeq, ahead, summary, outbox, closed}
  // The operator's messages and notes go through each conversation's Outbox (chat-socket.js):
  // one at a time, in the order written, only once the server has sent this socket its state.
  var ready = false;
  // A number shown above one still missing waits this long for it (its announcement may be
  // on the way) before the console asks the server for everything after what it has.
  var GAP_MS = 1500;
  var knownWaiting = {};
  var errorTimer = null;
  var waitingCount = 0;
  var maxChats = 3; // the operator's "chats at once", as the server last said

  try {
    soundBox.checked = window.localStorage.getItem("lantern.console.sound") !== "off";
  } catch (e) { /* storage unavailable */ }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  /* Enter sends: submit the form as its button would (requestSubmit is missing before
     Safari 16). */
  function submit(form) {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  }

  function setConnection(text, state) {
    connection.textContent = text;
    connection.setAttribute("data-state", state);
  }

  // --- the socket (chat-socket.js) ---------------------------------------------------------

  var chat = new ChatSocket(config.wsPath, {
    watchNetwork: true, // offline: say so at once; online again: reconnect at once
    resume: function () {
      chat.connect(opened);
    },
    onClose: function (code, outcome) {
      availableBox.disabled = true;
      setReady(false);
      if (code === protocol.CLOSE_SIGNED_OUT) {
        // The session this socket was opened with ended (signed out, expired, password or
        // second factor changed): said, with the way back; never reconnected blindly (a
        // NO_RECONNECT_CODE). Unless this browser is still signed in under a new session
        // key (a second factor was added or removed in another tab): then once again.
        stillSignedIn().then(function (yes) {
          var now = Date.now();
          if (yes && now - lastRenewal > RENEWAL_MS) {
            lastRenewal = now;
            chat.connect(opened);
          } else {
            showSignedOut();
          }
        });
      } else if (outcome === "final") {
        // Not signed in (or without the second factor), never allowed to answer chats, or
        // the permission was withdrawn.
        setConnection(
          code === protocol.CLOSE_NOT_OPERATOR ? strings.notOperator : strings.forbidden,
          "forbidden"
        );
      } else if (outcome === "reconnect") {
        setConnection(strings.reconnecting, "reconnecting");
      }
    }
  });

  function send(frame) {
    return chat.send(frame);
  }

  // The server's `signed_out` error, which comes just before its close: its message, and
  // where to sign in again (`sign_in`: url and label).
  var signedOut = null;

  // The staff session's status (lantern.sessions; its script tag names the address): asking
  // does not count as activity.
  var RENEWAL_MS = 30000;
  var lastRenewal = -Infinity;

  function stillSignedIn() {
    var tag = document.querySelector("script[data-staff-session]");
    if (!tag || !tag.dataset.statusUrl) {
      return Promise.resolve(false);
    }
    return fetch(tag.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .then(function (body) {
        return body.signed_in === true && body.allowed !== false;
      })
      .catch(function () {
        return false;
      });
  }

  function showSignedOut() {
    var frame = signedOut || {};
    setConnection(frame.message || strings.forbidden, "signed-out");
    var signIn = frame.sign_in;
    if (signIn && typeof signIn.url === "string" && signIn.url.charAt(0) === "/" && signIn.url.charAt(1) !== "/") {
      var link = document.createElement("a");
      link.href = signIn.url;
      link.textContent = String(signIn.label || "");
      connection.append(" ", link);
    }
  }

  function opened() {
    setConnection(strings.connected, "connected");
  }

  chat
    .on("state", onState)
    .on("queue", function (frame) {
      renderQueue(frame.queue);
      setColleagues(frame.colleagues);
    })
    .on("status", renderStatus)
    .on("accepted", function (frame) {
      // Out of the queue at once (the queue's own refresh follows).
      var waiting = queueList.querySelector("button[data-id='" + frame.conversation.id + "']");
      if (waiting) {
        waiting.closest("li").remove();
      }
      var entry = openConversation(frame.conversation);
      select(entry.summary.id, true);
    })
    .on("assigned", function (frame) {
      var entry = openConversation(frame.conversation);
      if (!onScreen(entry)) {
        entry.transferred = true; // a colleague passed it on: shown in the list until opened
        newVisitorMessage(entry);
      }
      renderList();
    })
    .on("unassigned", onGone)
    .on("transferred", onGone)
    .on("message", onMessage)
    .on("ack", onAck)
    .on("delivered", onDelivered)
    .on("typing", onTyping)
    .on("conversation_closed", onClosed)
    .on("presence", function (frame) {
      var entry = conversations[frame.conversation];
      if (entry && !entry.closed) {
        entry.offline = !frame.online; // gone: reconnecting, within the resume period
        renderList();
      }
    })
    .on("lead", onLead)
    .on("lead_saved", onLeadSaved)
    .on("lead_note_saved", function (frame) {
      var entry = conversations[frame.conversation];
      if (entry) {
        entry.node.querySelector("[data-lead-note-form]").reset();
        entry.node.querySelector("[data-lead-status]").textContent = strings.leadNoteSaved;
      }
    })
    .on("error", onError);

  function onGone(frame) {
    removeConversation(frame.conversation && frame.conversation.id || frame.conversation);
  }

  /* The topic in the console's language (the server's label is in the site's default). */
  function topicLabel(summary) {
    return config.topics[summary.topic] || summary.topic_label;
  }

  // --- status and queue ---------------------------------------------------------------------

  function onState(frame) {
    availableBox.disabled = false;
    renderStatus(frame.operator);
    renderQueue(frame.queue);
    setColleagues(frame.colleagues);
    var open = {};
    frame.conversations.forEach(function (summary) {
      open[summary.id] = true;
      var entry = openConversation(summary);
      // What this console has not shown yet: everything for a new one, what it missed after
      // a reconnect (the server sends only what is new unless asked).
      send({ type: "sync", conversation: summary.id, after: entry.lastSeq });
    });
    setReady(true); // what was on its way goes again, with its client id
    // Closed while this console was disconnected: how, if it was lately.
    var closed = {};
    (frame.closed || []).forEach(function (item) { closed[item.id] = item; });
    Object.keys(conversations).forEach(function (id) {
      if (!open[id] && !conversations[id].closed) {
        var how = closed[id] || {};
        onClosed({ conversation: Number(id), outcome: how.outcome, do_not_contact: !!how.do_not_contact });
      }
    });
  }

  function renderStatus(status) {
    availableBox.checked = !!status.available;
    maxChatsInput.value = status.max_chats;
    maxChats = status.max_chats;
    renderCapacity();
    root.querySelectorAll("[data-language]").forEach(function (box) {
      box.checked = status.languages.indexOf(box.value) !== -1;
    });
  }

  function sendStatus() {
    var languages = [];
    root.querySelectorAll("[data-language]:checked").forEach(function (box) { languages.push(box.value); });
    var max = Math.min(10, Math.max(1, Math.round(Number(maxChatsInput.value)) || 3));
    maxChatsInput.value = max;
    send({ type: "status", available: availableBox.checked, languages: languages, max_chats: max });
  }

  function renderQueue(queue) {
    var focused = document.activeElement;
    var focusedId = focused && queueList.contains(focused) ? focused.getAttribute("data-id") : null;
    queueList.textContent = "";
    var fresh = false;
    var seen = {};
    queue.forEach(function (item) {
      seen[item.id] = true;
      if (!knownWaiting[item.id]) {
        fresh = true;
      }
      var li = document.createElement("li");
      li.className = "queue-item" + (item.matches_language ? " queue-item--match" : "");
      var text = document.createElement("div");
      text.className = "queue-item__text";
      var head = document.createElement("strong");
      head.textContent = "#" + item.id + " · " + item.language.toUpperCase() + " · " + topicLabel(item);
      var meta = document.createElement("span");
      meta.className = "queue-item__meta";
      meta.textContent = format(strings.waiting, { minutes: Math.floor(item.waiting_seconds / 60) }) +
        (item.matches_language ? " · " + strings.inLanguage : "") +
        (item.visitor_online ? "" : " · " + strings.offline);
      text.appendChild(head);
      text.appendChild(meta);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small";
      button.textContent = strings.accept;
      button.setAttribute("data-id", String(item.id));
      button.setAttribute("aria-label", strings.accept + " #" + item.id + " (" + item.language.toUpperCase() + ", " + topicLabel(item) + ")");
      button.setAttribute("aria-describedby", "console-capacity");
      button.addEventListener("click", function () {
        button.disabled = true;
        send({ type: "accept", conversation: item.id });
      });
      li.appendChild(text);
      li.appendChild(button);
      queueList.appendChild(li);
    });
    knownWaiting = seen;
    waitingCount = queue.length;
    renderCapacity();
    root.querySelector("[data-queue-count]").textContent = String(queue.length);
    root.querySelector("[data-queue-empty]").hidden = queue.length > 0;
    updateTitle();
    if (focusedId) {
      var again = queueList.querySelector("[data-id='" + focusedId + "']") || queueList.querySelector("button");
      (again || root.querySelector("#queue-heading")).focus();
    }
    if (fresh) {
      signal();
    }
  }

  /* Colleagues a conversation can be transferred to: those available now, with their
     languages and free places (sent with every queue). */
  var colleagues = [];

  function setColleagues(list) {
    colleagues = Array.isArray(list) ? list : [];
    Object.keys(conversations).forEach(function (id) {
      renderColleagues(conversations[id]);
    });
  }

  function renderColleagues(entry) {
    var select = entry.node.querySelector("[data-operators]");
    var chosen = select.value;
    select.textContent = "";
    colleagues.forEach(function (colleague) {
      var option = document.createElement("option");
      option.value = String(colleague.id);
      option.textContent = format(strings.colleague, {
        name: colleague.name,
        languages: colleague.languages.join(", ").toUpperCase(),
        free: colleague.free
      });
      option.disabled = colleague.free < 1;
      select.appendChild(option);
    });
    if (!colleagues.length) {
      var none = document.createElement("option");
      none.value = "";
      none.textContent = strings.nobodyToTransfer;
      select.appendChild(none);
    }
    if (chosen && select.querySelector("option[value='" + chosen + "']:not([disabled])")) {
      select.value = chosen;
    }
    var usable = colleagues.some(function (colleague) { return colleague.free > 0; });
    entry.node.querySelector("[data-transfer-form] button").disabled = !usable || !!entry.closed;
  }

  /* At the operator's limit, Accept is disabled, and the line above the queue says why. */
  function renderCapacity() {
    var open = Object.keys(conversations).filter(function (id) {
      return !conversations[id].closed;
    }).length;
    var full = open >= maxChats;
    var line = root.querySelector("[data-capacity]");
    line.textContent = full ? format(strings.atCapacity, { count: open }) : "";
    line.hidden = !full;
    queueList.querySelectorAll("button[data-id]").forEach(function (button) {
      button.disabled = full;
    });
  }

  /* The tab's title counts what needs the operator: unread visitor messages and visitors
     waiting, so that it is seen from another tab. */
  function updateTitle() {
    var count = waitingCount + totalUnread();
    document.title = count ? "(" + count + ") " + baseTitle : baseTitle;
  }

  function signal() {
    if (!soundBox.checked || !window.AudioContext) {
      return;
    }
    try {
      var context = new window.AudioContext();
      if (context.state !== "running") {
        context.close();
        return; // no user gesture yet: the title still changes
      }
      var oscillator = context.createOscillator();
      var gain = context.createGain();
      oscillator.frequency.value = 660;
      gain.gain.value = 0.1;
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start();
      oscillator.stop(context.currentTime + 0.25);
      oscillator.addEventListener("ended", function () { context.close(); });
    } catch (e) { /* no audio: the title still changes */ }
  }

  // --- conversations ------------------------------------------------------------------------

  function openConversation(summary) {
    var entry = conversations[summary.id];
    if (!entry) {
      var node = template.content.firstElementChild.cloneNode(true);
      entry = {
        node: node, lastSeq: 0, ahead: {}, gapTimer: null, summary: summary,
        outbox: new Outbox(send, function (item) {
          if (item.frame.type === "message") {
            markLine(item.element, "sending");
          }
        }),
        received: 0, closed: false,
        delivered: summary.visitor_delivered_seq || 0,
        // Messages up to here were written before this page had the conversation: history,
        // not unread. Later visitor messages count as unread until the operator sees them.
        historyUpTo: summary.last_seq || 0,
        unread: 0, unansweredSince: null, lastActivity: Date.parse(summary.created_at) || 0,
        typing: false, transferred: false
      };
      conversations[summary.id] = entry;
      entry.outbox.setReady(ready);
      wire(entry);
      conversationsNode.appendChild(node);
      node.hidden = true;
      if (selected === null) {
        select(summary.id);
      }
    }
    entry.summary = summary;
    entry.consent = summary.consent;
    entry.offline = summary.visitor_online === false;
    var title = entry.node.querySelector("[data-title]");
    title.id = "conversation-" + summary.id + "-title";
    title.textContent = "#" + summary.id;
    entry.node.setAttribute("aria-labelledby", title.id);
    entry.node.querySelector("[data-meta]").textContent =
      summary.language.toUpperCase() + " · " + topicLabel(summary);
    if (summary.lead) {
      showLead(entry, summary.lead);
    }
    if (summary.consent === "granted") {
      entry.node.querySelector("[data-request-consent]").disabled = true;
    }
    root.querySelector("[data-conversations-empty]").hidden = true;
    renderCapacity();
    renderList();
    return entry;
  }

  function focusComposer(entry) {
    entry.node.querySelector("[data-composer] textarea").focus();
  }

  function removeConversation(id) {
    var entry = conversations[id];
    if (entry) {
      var hadFocus = entry.node.contains(document.activeElement);
      entry.node.remove();
      delete conversations[id];
      if (String(selected) === String(id)) {
        selected = null;
        var next = ordered()[0];
        if (next) {
          select(next.summary.id);
        }
      }
      if (hadFocus) {
        root.querySelector("#conversations-heading").setAttribute("tabindex", "-1");
        root.querySelector("#conversations-heading").focus();
      }
    }
    root.querySelector("[data-conversations-empty]").hidden = Object.keys(conversations).length > 0;
    renderCapacity();
    renderList();
    updateTitle();
  }

  // --- the list of my conversations ----------------------------------------------------------
  // One conversation is on screen; the list beside it shows every one with what needs the
  // operator: unread visitor messages, how long the visitor has waited for an answer (urgent
  // after config.urgentSeconds), and what is going on (typing, consent asked, offline...).

  function onScreen(entry) {
    return String(selected) === String(entry.summary.id) && document.visibilityState === "visible";
  }

  function select(id, focusReply) {
    var entry = conversations[id];
    if (!entry) {
      return;
    }
    selected = entry.summary.id;
    Object.keys(conversations).forEach(function (key) {
      conversations[key].node.hidden = conversations[key] !== entry;
    });
    if (document.visibilityState === "visible") {
      entry.unread = 0;
    }
    entry.transferred = false;
    renderList();
    updateTitle();
    if (focusReply) {
      focusComposer(entry);
    }
  }

  function totalUnread() {
    return Object.keys(conversations).reduce(function (sum, id) {
      return sum + conversations[id].unread;
    }, 0);
  }

  function ordered() {
    var order = orderSelect.value;
    return Object.keys(conversations).map(function (id) { return conversations[id]; })
      .sort(function (a, b) {
        if (order === "number") {
          return a.summary.id - b.summary.id;
        }
        if (order === "recent") {
          return b.lastActivity - a.lastActivity;
        }
        // Oldest unanswered visitor message first; then those without one, latest first.
        var aWait = a.closed ? null : a.unansweredSince;
        var bWait = b.closed ? null : b.unansweredSince;
        if (aWait !== null && bWait !== null) {
          return aWait - bWait;
        }
        if (aWait !== null || bWait !== null) {
          return aWait !== null ? -1 : 1;
        }
        return b.lastActivity - a.lastActivity;
      });
  }

  function minutesSince(time) {
    return Math.max(0, Math.floor((Date.now() - time) / 60000));
  }

  function entryStates(entry) {
    var states = [];
    if (entry.closed) {
      states.push(entry.hurry ? strings.stateHurry : strings.stateEnded);
    } else {
      if (entry.typing) {
        states.push(strings.stateTyping);
      }
      if (entry.summary.status === "ending" || entry.consent === "asked") {
        states.push(strings.stateConsent);
      }
      if (entry.offline) {
        states.push(strings.stateOffline);
      }
      if (entry.transferred) {
        states.push(strings.stateTransferred);
      }
    }
    return states;
  }

  function renderList() {
    var focusedId = document.activeElement && switcher.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-open") : null;
    switcher.textContent = "";
    ordered().forEach(function (entry) {
      var id = entry.summary.id;
      var urgent = !entry.closed && entry.unansweredSince !== null &&
        Date.now() - entry.unansweredSince >= config.urgentSeconds * 1000;
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "switcher__entry" + (urgent ? " switcher__entry--urgent" : "") +
        (entry.closed ? " switcher__entry--closed" : "");
      button.setAttribute("data-open", String(id));
      if (String(selected) === String(id)) {
        button.setAttribute("aria-current", "true");
      }
      var head = document.createElement("span");
      head.className = "switcher__head";
      head.textContent = "#" + id + " · " + entry.summary.language.toUpperCase() + " · " + topicLabel(entry.summary);
      button.appendChild(head);
      if (entry.unread) {
        var badge = document.createElement("span");
        badge.className = "switcher__unread";
        badge.textContent = format(strings.unread, { count: entry.unread });
        button.appendChild(badge);
      }
      var meta = document.createElement("span");
      meta.className = "switcher__meta";
      var parts = [];
      if (urgent) {
        parts.push(strings.urgent);
      }
      if (!entry.closed && entry.unansweredSince !== null) {
        parts.push(format(strings.waitingForAnswer, { minutes: minutesSince(entry.unansweredSince) }));
      } else if (entry.lastActivity) {
        parts.push(format(strings.lastMessage, { minutes: minutesSince(entry.lastActivity) }));
      }
      meta.textContent = parts.concat(entryStates(entry)).join(" · ");
      button.appendChild(meta);
      button.addEventListener("click", function () {
        select(id, true);
      });
      li.appendChild(button);
      switcher.appendChild(li);
    });
    if (focusedId) {
      var again = switcher.querySelector("[data-open='" + focusedId + "']");
      if (again) {
        again.focus();
      }
    }
  }

  /* A visitor's message, in a conversation not on screen (or with the tab in the background):
     counted, heard (unless the sound is off), announced to screen readers, and shown as a
     desktop notification if the operator allowed it. Never the message's text, never
     anything about the visitor: only the conversation's number. */
  function newVisitorMessage(entry) {
    if (onScreen(entry)) {
      return;
    }
    entry.unread += 1;
    signal();
    announcer.textContent = format(strings.newMessageIn, { id: entry.summary.id });
    if (notifyBox.checked && window.Notification && window.Notification.permission === "granted") {
      try {
        var notice = new window.Notification(strings.notifyTitle, {
          body: format(strings.newMessageIn, { id: entry.summary.id }),
          tag: "lantern-chat-" + entry.summary.id,
          silent: true
        });
        notice.addEventListener("click", function () {
          window.focus();
          select(entry.summary.id, true);
          notice.close();
        });
      } catch (e) { /* notifications unavailable: the title and the list still say it */ }
    }
  }

  /* What a message changes in the list: activity, and how long the visitor has waited. */
  function noteMessage(entry, frame) {
    var time = Date.parse(frame.sent_at) || Date.now();
    entry.lastActivity = Math.max(entry.lastActivity, time);
    if (frame.sender === "visitor") {
      if (entry.unansweredSince === null) {
        entry.unansweredSince = time;
      }
      if (frame.seq > entry.historyUpTo) {
        newVisitorMessage(entry);
      }
      entry.typing = false;
    } else if (frame.sender === "operator" && frame.kind === "text") {
      entry.unansweredSince = null;
    }
    renderListSoon();
    updateTitle();
  }

  /* A burst of messages (a conversation's history) renders the list once. */
  var listTimer = null;
  function renderListSoon() {
    if (!listTimer) {
      listTimer = setTimeout(function () {
        listTimer = null;
        renderList();
      }, 0);
    }
  }

  function wire(entry) {
    var node = entry.node;
    var id = function () { return entry.summary.id; };
    wireDirectory(entry);
    renderColleagues(entry);
    config.forms.forEach(function (item) { addOption(node.querySelector("[data-forms]"), item); });
    config.urgencies.forEach(function (item) { addOption(node.querySelector("[data-urgencies]"), item); });

    var composer = node.querySelector("[data-composer]");
    var textarea = composer.querySelector("textarea");
    var lastTyping = 0;
    var cannedMenu = wireCanned(entry, textarea);
    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = textarea.value.trim();
      if (!text || entry.closed) {
        return;
      }
      var clientId = newClientId();
      var item = appendLine(entry, { sender: "operator", kind: "text", text: text });
      markLine(item, "sending");
      entry.outbox.add(clientId, { element: item, frame: { type: "message", conversation: id(), client_id: clientId, text: text } });
      textarea.value = "";
      textarea.focus();
      lastTyping = 0; // the message hid the indicator: the next keystroke shows it again
    });
    textarea.addEventListener("keydown", function (event) {
      if (cannedMenu.keydown(event)) {
        return; // the canned responses' list took the key
      }
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit(composer);
      }
    });
    textarea.addEventListener("input", function () {
      if (Date.now() - lastTyping > 3000) {
        lastTyping = Date.now();
        send({ type: "typing", conversation: id() });
      }
    });
    node.querySelector("[data-note-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var field = event.target.querySelector("textarea");
      var text = field.value.trim();
      if (text) {
        var clientId = newClientId();
        var item = appendLine(entry, { sender: "operator", kind: "note", text: text });
        entry.outbox.add(clientId, { element: item, frame: { type: "note", conversation: id(), client_id: clientId, text: text } });
        field.value = "";
      }
    });
    node.querySelector("[data-request-consent]").addEventListener("click", function () {
      send({ type: "request_consent", conversation: id() });
    });
    node.querySelector("[data-transfer-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      if (form.to.value) {
        send({ type: "transfer", conversation: id(), to: Number(form.to.value), note: form.note.value });
      }
    });
    // End asks first, and says what will happen to the conversation.
    var endButton = node.querySelector("[data-end]");
    var confirmBox = node.querySelector("[data-end-confirm]");
    function askToEnd(open) {
      confirmBox.hidden = !open;
      endButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var consequence = node.querySelector("[data-end-consequence]");
        consequence.textContent = endConsequence(conversations[id()]);
        consequence.focus();
      }
    }
    endButton.addEventListener("click", function () {
      askToEnd(confirmBox.hidden);
    });
    node.querySelector("[data-end-cancel]").addEventListener("click", function () {
      askToEnd(false);
      endButton.focus();
    });
    node.querySelector("[data-end-now]").addEventListener("click", function () {
      askToEnd(false);
      send({ type: "end", conversation: id() });
    });
    node.querySelector("[data-dismiss]").addEventListener("click", function () {
      removeConversation(id());
    });
    node.querySelector("[data-lead-note-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = event.target.text.value.trim();
      if (text) {
        node.querySelector("[data-lead-status]").textContent = "";
        send({ type: "lead_note", conversation: id(), text: text });
      }
    });
    node.querySelector("[data-lead-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      node.querySelector("[data-lead-status]").textContent = "";
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

  /* Canned responses: "/" at the start of the reply opens those written in the conversation's
     language, filtered by what follows; the arrows choose, Enter puts the text in the reply
     (to be read and sent by the operator), Escape closes. The reply field stays where the
     keyboard is: the list is announced through aria-activedescendant. */
  function wireCanned(entry, textarea) {
    var list = entry.node.querySelector("[data-canned-list]");
    var listId = "canned-" + entry.summary.id;
    var matches = [];
    var active = -1;
    list.id = listId;
    textarea.setAttribute("aria-controls", listId);

    function textOf(item) {
      return item.texts[entry.summary.language] || "";
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      matches = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        textarea.setAttribute("aria-activedescendant", listId + "-" + index);
      }
    }

    function insert(item) {
      textarea.value = textOf(item);
      close();
      textarea.focus();
    }

    function update() {
      var value = textarea.value;
      if (value.charAt(0) !== "/" || value.indexOf("\n") !== -1) {
        close();
        return;
      }
      var query = value.slice(1).toLowerCase();
      matches = config.canned.filter(function (item) {
        var text = textOf(item);
        return text && (item.title.toLowerCase().indexOf(query) !== -1 ||
          text.toLowerCase().indexOf(query) !== -1);
      });
      list.textContent = "";
      matches.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("strong");
        title.textContent = item.title;
        var text = document.createElement("span");
        text.textContent = textOf(item);
        option.appendChild(title);
        option.appendChild(text);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // the reply keeps the focus
          insert(item);
        });
        list.appendChild(option);
      });
      if (!matches.length) {
        var none = document.createElement("li");
        none.className = "conversation__canned-none";
        none.textContent = strings.noCanned;
        list.appendChild(none);
      }
      list.hidden = false;
      highlight(matches.length ? 0 : -1);
    }

    textarea.addEventListener("input", update);
    textarea.addEventListener("blur", function () { setTimeout(close, 150); });
    return {
      keydown: function (event) {
        if (list.hidden) {
          return false;
        }
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          if (matches.length) {
            var step = event.key === "ArrowDown" ? 1 : -1;
            highlight((active + step + matches.length) % matches.length);
          }
          return true;
        }
        if (event.key === "Enter" && !event.isComposing) {
          event.preventDefault();
          if (matches[active]) {
            insert(matches[active]);
          }
          return true;
        }
        if (event.key === "Escape") {
          event.preventDefault();
          close();
          return true;
        }
        return false;
      }
    };
  }

  function endConsequence(entry) {
    if (entry && entry.lead) {
      return entry.lead.covers_transcript ? strings.endGranted : strings.endGrantedNoTranscript;
    }
    if (entry && entry.consent === "declined") {
      return strings.endDeclined;
    }
    return strings.endUnasked;
  }

  /* The help directory: choose a place (services for the whole country are always listed),
     then a service; its text, in the conversation's language, goes into the message field
     for the operator to check and send like any message. */
  function wireDirectory(entry) {
    var node = entry.node;
    var tools = node.querySelector("[data-directory-tools]");
    var placeSelect = node.querySelector("[data-directory-place]");
    var serviceSelect = node.querySelector("[data-directory]");
    if (!config.directory.length) {
      tools.hidden = true;
      return;
    }
    config.directoryPlaces.forEach(function (group) {
      var optgroup = document.createElement("optgroup");
      optgroup.label = group.label;
      group.options.forEach(function (item) { addOption(optgroup, item); });
      placeSelect.appendChild(optgroup);
    });
    function listServices() {
      var place = placeSelect.value;
      while (serviceSelect.options.length > 1) {
        serviceSelect.remove(1);
      }
      config.directory.forEach(function (item) {
        if (!place || item.places === null || item.places.indexOf(place) !== -1) {
          addOption(serviceSelect, { value: String(item.id), label: item.label });
        }
      });
    }
    placeSelect.addEventListener("change", listServices);
    serviceSelect.addEventListener("change", function () {
      var item = config.directory.filter(function (d) { return String(d.id) === serviceSelect.value; })[0];
      if (item) {
        var field = node.querySelector("[data-composer] textarea");
        field.value = item.texts[entry.summary.language] || item.texts.lv || "";
        field.focus();
      }
      serviceSelect.value = "";
    });
    listServices();
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
    var who = frame.kind === "note" ? strings.note :
      (frame.sender === "visitor" ? strings.visitor : (frame.sender === "operator" ? strings.you : ""));
    if (who) {
      var label = document.createElement("span");
      label.className = "line__who";
      label.textContent = who;
      item.appendChild(label);
    }
    var text = document.createElement("span");
    text.className = "line__text";
    text.textContent = frame.text; // visitors' text is never HTML
    item.appendChild(text);
    if (frame.seq) {
      item.setAttribute("data-seq", frame.seq);
      insertInOrder(log, item, frame.seq);
    } else {
      log.appendChild(item);
    }
    log.parentNode.scrollTop = log.parentNode.scrollHeight; // the scrolling role=log region
    return item;
  }

  /* Lines stand in the server's order; those still being sent (no number yet) last. */
  function insertInOrder(log, item, seq) {
    var before = null;
    var nodes = log.querySelectorAll("[data-seq], .line[data-status='sending'], .line[data-status='failed'], .line--note:not([data-seq])");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] !== item && (!nodes[i].hasAttribute("data-seq") || Number(nodes[i].getAttribute("data-seq")) > seq)) {
        before = nodes[i];
        break;
      }
    }
    log.insertBefore(item, before);
  }

  function markLine(item, key) {
    var status = item.querySelector(".line__status");
    var tag = key === "failed" ? "BUTTON" : "SPAN";
    if (!status || status.tagName !== tag) {
      var fresh = document.createElement(tag.toLowerCase());
      fresh.className = "line__status";
      if (tag === "BUTTON") {
        fresh.type = "button";
        fresh.className += " button button-small button-secondary";
      }
      if (status) {
        status.replaceWith(fresh);
      } else {
        item.appendChild(fresh);
      }
      status = fresh;
    }
    status.textContent = key === "sending" ? "…" : strings[key];
    item.setAttribute("data-status", key);
  }

  function onMessage(frame) {
    var entry = conversations[frame.conversation];
    if (!entry || typeof frame.seq !== "number") {
      return;
    }
    var log = entry.node.querySelector("[data-log]");
    shown(entry, frame.seq);
    if (frame.sender === "visitor") {
      entry.node.querySelector("[data-typing]").hidden = true;
      acknowledge(entry, frame.seq);
    }
    if (frame.event === "consent_declined") {
      entry.consent = "declined";
    }
    if (frame.event === "consent_requested" && entry.consent !== "granted") {
      entry.consent = "asked";
    }
    if (frame.event === "consent_granted") {
      entry.consent = "granted";
      entry.node.querySelector("[data-request-consent]").disabled = true;
      showAlert(entry, strings.consentGranted);
    }
    if (log.querySelector("[data-seq='" + frame.seq + "']")) {
      return;
    }
    noteMessage(entry, frame);
    var mine = frame.sender === "operator" && frame.client_id && entry.outbox.stored(frame.client_id);
    if (mine) {
      mine.element.setAttribute("data-seq", frame.seq);
      insertInOrder(log, mine.element, frame.seq);
      if (frame.kind !== "note") {
        markLine(mine.element, frame.seq <= entry.delivered ? "delivered" : "sent");
      }
    } else {
      var item = appendLine(entry, frame);
      if (frame.sender === "operator" && frame.kind === "text") {
        markLine(item, frame.seq <= entry.delivered ? "delivered" : "sent");
      }
    }
  }

  /* Number `seq` is shown. `lastSeq` is the highest number up to which every message is shown
     (an operator sees every number: notes and events included); one shown beyond a missing
     one waits GAP_MS for it, and then the console syncs from lastSeq. */
  function shown(entry, seq) {
    if (seq <= entry.lastSeq) {
      return;
    }
    entry.ahead[seq] = true;
    while (entry.ahead[entry.lastSeq + 1]) {
      delete entry.ahead[entry.lastSeq + 1];
      entry.lastSeq += 1;
    }
    if (Object.keys(entry.ahead).length && !entry.gapTimer) {
      entry.gapTimer = setTimeout(function () {
        entry.gapTimer = null;
        if (Object.keys(entry.ahead).length && !entry.closed) {
          send({ type: "sync", conversation: entry.summary.id, after: entry.lastSeq });
        }
      }, GAP_MS);
    }
  }

  /* A greeted socket (its `state` has come), or none: every conversation's outbox. */
  function setReady(value) {
    ready = value;
    Object.keys(conversations).forEach(function (id) {
      conversations[id].outbox.setReady(value && !conversations[id].closed);
    });
  }

  /* Tell the server what the console has shown, at most a few times a second. */
  function acknowledge(entry, seq) {
    if (seq <= entry.received) {
      return;
    }
    entry.received = seq;
    if (!entry.receivedTimer) {
      entry.receivedTimer = setTimeout(function () {
        entry.receivedTimer = null;
        send({ type: "received", conversation: entry.summary.id, seq: entry.received });
      }, 250);
    }
  }

  function onAck(frame) {
    var entry = conversations[frame.conversation];
    if (!entry) {
      return;
    }
    // The server does not echo a message back to the socket that sent it: this is its number.
    shown(entry, frame.seq);
    var pending = entry.outbox.stored(frame.client_id);
    if (pending) {
      if (pending.frame.type === "message") {
        noteMessage(entry, { sender: "operator", kind: "text", seq: frame.seq });
      }
      pending.element.setAttribute("data-seq", frame.seq);
      insertInOrder(entry.node.querySelector("[data-log]"), pending.element, frame.seq);
      if (pending.frame.type === "message") {
        markLine(pending.element, frame.seq <= entry.delivered ? "delivered" : "sent");
      }
    }
  }

  function onDelivered(frame) {
    var entry = conversations[frame.conversation];
    if (!entry) {
      return;
    }
    entry.delivered = Math.max(entry.delivered, frame.seq);
    entry.node.querySelectorAll(".line--operator:not(.line--note)[data-seq]").forEach(function (item) {
      if (Number(item.getAttribute("data-seq")) <= entry.delivered) {
        markLine(item, "delivered");
      }
    });
  }

  function onTyping(frame) {
    var entry = conversations[frame.conversation];
    if (entry) {
      var line = entry.node.querySelector("[data-typing]");
      line.hidden = false;
      entry.typing = true;
      renderList();
      clearTimeout(entry.typingTimer);
      entry.typingTimer = setTimeout(function () {
        line.hidden = true;
        entry.typing = false;
        renderList();
      }, 4000);
    }
  }

  function showAlert(entry, text, urgent) {
    var alert = entry.node.querySelector("[data-alert]");
    alert.textContent = text;
    alert.classList.toggle("conversation__alert--urgent", !!urgent);
    alert.hidden = false;
  }

  function onClosed(frame) {
    var entry = conversations[frame.conversation];
    if (!entry) {
      return;
    }
    entry.closed = true;
    entry.outbox.setReady(false);
    entry.hurry = !!frame.do_not_contact;
    showAlert(entry, frame.do_not_contact ? strings.closedHurry : strings.closed, frame.do_not_contact);
    entry.node.classList.add("conversation--closed");
    if (frame.do_not_contact) {
      entry.node.classList.add("conversation--hurry");
    }
    entry.node.querySelector("[data-typing]").hidden = true;
    entry.node.querySelectorAll("[data-composer] button, [data-composer] textarea, [data-composer] select, [data-note-form] button, [data-note-form] textarea, [data-request-consent], [data-transfer-form] button, [data-transfer-form] select, [data-transfer-form] input, [data-end]")
      .forEach(function (control) { control.disabled = true; });
    entry.node.querySelector("[data-dismiss]").hidden = false;
    if (entry.lead) {
      entry.lead.editable = false; // the chat has ended: a note for the caseworker instead
      showLead(entry, entry.lead);
    }
    entry.node.querySelector("[data-end-confirm]").hidden = true;
    renderCapacity();
    renderList();
  }

  /* The lead form, filled from the lead as the server has it: what the visitor gave when
     consenting (the safe contact) is in its field, so a save keeps it. Once the lead is no
     longer the operator's to edit (a caseworker has taken it, the chat has ended), the form
     is read-only and a note for the caseworker takes its place. */
  function showLead(entry, lead) {
    var form = entry.node.querySelector("[data-lead-form]");
    var noteForm = entry.node.querySelector("[data-lead-note-form]");
    var section = entry.node.querySelector("[data-lead]");
    section.hidden = false;
    Object.keys(lead.fields).forEach(function (name) {
      if (form.elements[name] && document.activeElement !== form.elements[name]) {
        form.elements[name].value = lead.fields[name] || "";
      }
    });
    form.elements.safe_contact.disabled = !lead.covers_contact || !lead.editable;
    entry.node.querySelector("[data-lead-contact-note]").hidden = lead.covers_contact;
    Array.prototype.forEach.call(form.elements, function (control) {
      if (control.name !== "safe_contact") {
        control.disabled = !lead.editable;
      }
    });
    noteForm.hidden = lead.editable;
    entry.lead = lead;
  }

  function onLead(frame) {
    var entry = conversations[frame.conversation];
    if (entry && frame.lead) {
      showLead(entry, frame.lead);
    }
  }

  function onLeadSaved(frame) {
    var entry = conversations[frame.conversation];
    if (entry) {
      onLead(frame);
      entry.node.querySelector("[data-lead-status]").textContent = strings.leadSaved;
    }
  }

  function onError(frame) {
    if (frame.code === protocol.ERROR_SIGNED_OUT) {
      signedOut = frame; // said when the socket closes, right after
      return;
    }
    var entry = frame.conversation && conversations[frame.conversation];
    if (!entry && frame.client_id) {
      // Errors about a message name its client id, not always its conversation.
      Object.keys(conversations).forEach(function (id) {
        if (conversations[id].outbox.get(frame.client_id)) {
          entry = conversations[id];
        }
      });
    }
    var pending = entry && frame.client_id && entry.outbox.get(frame.client_id);
    if (pending) {
      if (entry.outbox.refused(frame.client_id, frame.code)) {
        return; // it passes (the server failing): the same one goes again, by itself
      }
      markLine(pending.element, "failed"); // refused: sent again only when the operator asks
      if (!pending.retryWired) {
        pending.retryWired = true;
        var clientId = frame.client_id;
        pending.element.querySelector(".line__status").addEventListener("click", function () {
          entry.outbox.retry(clientId);
        });
      }
    }
    if (entry && frame.request === "lead" && strings.leadRefused[frame.reason]) {
      // The lead form's own refusal, said under the form.
      entry.node.querySelector("[data-lead-status]").textContent = strings.leadRefused[frame.reason];
      if (entry.lead && (frame.reason === "lead_taken" || frame.reason === "chat_ended")) {
        entry.lead.editable = false;
        showLead(entry, entry.lead);
      }
    } else if (entry) {
      showAlert(entry, frame.message);
    } else {
      if (frame.request === "accept") {
        queueList.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
      }
      // Shown in the status line for a while (a colleague was faster, say), then cleared.
      setConnection(frame.message, "error");
      clearTimeout(errorTimer);
      errorTimer = setTimeout(function () {
        if (chat.isOpen) {
          setConnection(strings.connected, "connected");
        }
      }, 6000);
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

  // --- keyboard, notifications, time ---------------------------------------------------------

  function typingIn(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function toggleShortcuts(open) {
    shortcuts.hidden = !open;
    shortcutsButton.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      shortcuts.focus();
    } else {
      shortcutsButton.focus();
    }
  }

  function move(step) {
    var list = ordered();
    if (!list.length) {
      return;
    }
    var index = list.findIndex(function (entry) { return String(entry.summary.id) === String(selected); });
    var next = list[(index + step + list.length) % list.length];
    select(next.summary.id, true);
  }

  function nextUnread() {
    var list = ordered();
    var index = list.findIndex(function (entry) { return String(entry.summary.id) === String(selected); });
    for (var i = 1; i <= list.length; i += 1) {
      var entry = list[(index + i + list.length) % list.length];
      if (entry.unread) {
        select(entry.summary.id, true);
        return;
      }
    }
  }

  function acceptOldestInMyLanguages() {
    // The queue lists the operator's languages first, each part longest waiting first.
    var button = queueList.querySelector(".queue-item--match button[data-id]:not([disabled])");
    if (button) {
      button.click();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented) {
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      var actions = {
        ArrowDown: function () { move(1); },
        ArrowUp: function () { move(-1); },
        n: nextUnread,
        a: acceptOldestInMyLanguages,
        r: function () {
          if (conversations[selected]) {
            focusComposer(conversations[selected]);
          }
        }
      };
      var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      // Alt with a letter types another character on some keyboards: the code says which key.
      var byCode = { KeyN: "n", KeyA: "a", KeyR: "r" }[event.code];
      var action = actions[key] || actions[byCode];
      if (action) {
        event.preventDefault();
        action();
      }
      return;
    }
    if (event.key === "?" && !typingIn(event.target)) {
      event.preventDefault();
      toggleShortcuts(shortcuts.hidden);
    } else if (event.key === "Escape" && !shortcuts.hidden) {
      toggleShortcuts(false);
    }
  });
  shortcutsButton.addEventListener("click", function () { toggleShortcuts(shortcuts.hidden); });
  root.querySelector("[data-shortcuts-close]").addEventListener("click", function () {
    toggleShortcuts(false);
  });
  orderSelect.addEventListener("change", function () {
    try {
      window.localStorage.setItem("lantern.console.order", orderSelect.value);
    } catch (e) { /* storage unavailable */ }
    renderList();
  });
  try {
    orderSelect.value = window.localStorage.getItem("lantern.console.order") || "unanswered";
    notifyBox.checked = window.localStorage.getItem("lantern.console.notify") === "on" &&
      Boolean(window.Notification) && window.Notification.permission === "granted";
  } catch (e) { /* storage unavailable */ }
  notifyBox.disabled = !window.Notification;
  notifyBox.addEventListener("change", function () {
    var remember = function () {
      try {
        window.localStorage.setItem("lantern.console.notify", notifyBox.checked ? "on" : "off");
      } catch (e) { /* storage unavailable */ }
    };
    if (notifyBox.checked && window.Notification.permission !== "granted") {
      window.Notification.requestPermission().then(function (answer) {
        notifyBox.checked = answer === "granted";
        remember();
      });
    } else {
      remember();
    }
  });
  // Back to the tab: the conversation on screen is read.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && conversations[selected]) {
      conversations[selected].unread = 0;
      renderList();
      updateTitle();
    }
  });
  // Waiting times move, and a visitor waiting too long for an answer becomes urgent.
  setInterval(renderList, 5000);

  chat.connect(opened);
}

start();
