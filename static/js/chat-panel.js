/*
 * Lantern's anonymous chat widget: its panel (an ES module, vanilla JavaScript, no build step),
 * loaded by chat-widget.js, the launcher on every page, only when the visitor opens the chat or
 * has a conversation to resume (most never do). Protocol: docs/chat-protocol.md. The socket
 * (connection, heartbeat, reconnecting, close codes) and the protocol's constants are
 * chat-socket.js, shared with the operator console; the proof of work is proof-of-work.js.
 *
 * Privacy: no connection is opened and nothing is stored until the visitor presses
 * "Start chat" (or sends a left message); opening the panel only asks the server over HTTP
 * whether someone can answer. The visitor's token lives only in sessionStorage (gone when the
 * tab closes, wiped by quick exit and when the chat ends), never in a URL. All text is
 * rendered with textContent; links are built element by element, and only from operators'
 * messages.
 *
 * Reliability: the server numbers every message per conversation. The widget remembers the
 * highest number it has shown (in memory: after a reload the log is empty, so it asks for
 * everything) and, after a reconnect, asks for everything after it; messages are shown in
 * order and never twice. Each own message has a client id, so a resend after a lost
 * connection stores nothing twice. Visitors never see operators' private notes, so gaps in
 * the numbers are normal here: a gap is found instead by each heartbeat's answer, which says
 * how far the conversation goes, and a resume that fails on the server is tried again (with
 * back-off) for as long as the conversation is kept; then the widget says so and shows the
 * hotline.
 */
import { hide as hideProblems, show as showProblems } from "./error-summary.js";

/* Set the panel up; returns what the launcher needs: `open(event)` and `isOpen()`. */
export function start() {
  var root = document.querySelector("[data-chat]");
  var configNode = document.getElementById("lantern-chat-config");
  if (!root || !configNode) {
    return null;
  }
  var config = JSON.parse(configNode.textContent);
  var S = config.strings;
  var STORAGE_KEY = "lantern.chat";

  function $(selector) {
    return root.querySelector(selector);
  }

  var panel = $("#chat-panel");
  var launcher = $("[data-chat-launcher]");
  var title = $("#chat-title");
  var statusLine = $("[data-chat-status]");
  var log = $("[data-chat-log]"); // the messages (a list) ...
  var scroller = $("[data-chat-scroll]"); // ... in the scrolling live region (role=log)
  var typingLine = $("[data-chat-typing]");
  var input = $("#chat-input");
  var hint = $("[data-chat-hint]");
  var composer = $("[data-chat-composer]");
  var startForm = $("[data-chat-start]");
  var startButton = $("[data-chat-start-button]");
  var leaveForm = $("[data-chat-leave]");
  var leaveError = $("[data-chat-leave-error]");
  var leaveSummary = $("[data-chat-leave-summary]");
  var consentForm = $("[data-chat-consent]");
  var consentText = $("[data-view=consent] [data-consent-text]");
  var consentRules = $("[data-consent-rules]");
  // The version of the chat rules the consent step shows (the server's, with its question).
  var consentRulesVersion = null;
  var grantedNotice = $("[data-chat-granted]");
  var grantedReturn = $("[data-chat-granted-return]");
  var views = root.querySelectorAll("[data-view]");

  var stored = load(); // {token, code}: only once the visitor has started a chat
  var currentView = null;
  var opener = null;
  // The visitor's messages not yet acknowledged, in order (chat-socket.js's Outbox: one at a
  // time, only on a socket the conversation is resumed on), once chat-socket.js is loaded.
  var outbox = null;
  // Every message up to this number that the visitor may see is shown (private notes, never
  // shown, skip numbers: the server's `synced` says where there is no gap); numbers shown
  // beyond it wait in `seenAfter` until the gap before them is filled.
  var lastSeq = 0;
  var seenAfter = {};
  var syncing = false; // a sync is on its way: no other until its `synced`
  var deliveredSeq = 0; // the operator's client has shown the visitor's messages up to here
  var consent = "not_asked";
  var status = null; // the conversation's status, as the server last said
  var language = root.getAttribute("data-language"); // the conversation's language
  var justStarted = false;
  var socketWasLost = false;
  var lostAt = null; // when the conversation's socket was lost, until it is resumed again
  var ended = false; // finished, left a message, or quick exit: no reconnecting
  var starting = false;
  var leaving = false;
  var visitorEnding = false; // the visitor pressed "End chat": end once consent is answered
  var operatorEnding = false; // the adviser ended: the server closes once consent is answered
  var typingTimer = null;
  var lastTypingSent = 0;
  var receivedTimer = null;
  var receivedSent = 0;
  var statusTimer = null;
  var quickExitDone = null; // resolves when the server has confirmed a quick exit

  // --- storage ------------------------------------------------------------------------------

  function load() {
    try {
      var value = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY));
      return value && typeof value.token === "string" ? value : null;
    } catch (e) {
      return null;
    }
  }

  function persist() {
    try {
      if (stored && stored.token) {
        window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
      } else {
        window.sessionStorage.removeItem(STORAGE_KEY);
      }
    } catch (e) { /* storage disabled: the chat still works in this page */ }
  }

  // --- small helpers ------------------------------------------------------------------------

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key];
    });
  }

  function show(view, also) {
    views.forEach(function (node) {
      var name = node.getAttribute("data-view");
      node.hidden = name !== view && name !== also;
    });
    currentView = view;
    // A conversation takes the panel's full height; the other views only what they need.
    root.classList.toggle("is-chatting", view === "conversation" || also === "conversation");
    if (view === "conversation" || also === "conversation") {
      scrollLog();
    }
  }

  function isOpen() {
    return !panel.hidden;
  }

  function focus(node) {
    if (isOpen() && node) {
      node.focus();
    }
  }

  function setStatus(text, transient) {
    clearTimeout(statusTimer);
    statusLine.textContent = text || "";
    if (text && transient) {
      statusTimer = setTimeout(function () { statusLine.textContent = ""; }, 4000);
    }
  }

  function renderParagraphs(node, text) {
    node.textContent = "";
    text.split(/\n\n+/).forEach(function (paragraph, index) {
      var p = document.createElement("p");
      if (index === 0) {
        // The first paragraph is the question itself.
        var strong = document.createElement("strong");
        strong.textContent = paragraph;
        p.appendChild(strong);
      } else {
        p.textContent = paragraph;
      }
      node.appendChild(p);
    });
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

  // --- the panel ----------------------------------------------------------------------------

  /* On a phone the panel reaches up to the safety bar, whose height depends on the language
     and the width (its hotline line may wrap): measured, so the panel never covers it. */
  function fitBelowBar() {
    var bar = document.querySelector(".safety-bar");
    if (bar) {
      root.style.setProperty("--bar-height", bar.getBoundingClientRect().height + "px");
    }
  }

  function openPanel(event) {
    if (event) {
      event.preventDefault();
      opener = event.currentTarget;
    }
    fitBelowBar();
    panel.hidden = false;
    root.classList.add("is-open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.classList.remove("has-unread");
    title.focus();
    if (!stored && !connected() && !ended && (currentView === null || currentView === "intro" || currentView === "unavailable")) {
      checkAvailability();
    }
    socketClient().catch(function () { /* loaded again when needed */ });
  }

  function closePanel() {
    panel.hidden = true;
    root.classList.remove("is-open");
    launcher.setAttribute("aria-expanded", "false");
    var back = opener && document.body.contains(opener) && opener.offsetParent !== null ? opener : launcher;
    opener = null;
    back.focus();
  }

  var asking = null; // the availability request, until its challenge is in hand

  function checkAvailability() {
    if (!currentView) {
      show("intro");
    }
    asking = fetch(root.getAttribute("data-availability-url"), { credentials: "omit", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        var preparing = data.challenge ? withProofs(function (p) { p.prepare(data.challenge); }) : null;
        if (stored || connected() || ended) {
          return preparing; // the visitor has moved on meanwhile
        }
        if (data.out_of_service) {
          unavailable(S.outOfService, false);
        } else if (!data.open) {
          unavailable(S.closed, true);
        } else if (!data.accepting) {
          unavailable(S.noOperators, false);
        } else if (currentView === "unavailable") {
          show("intro");
        }
        return preparing;
      })
      .catch(function () { /* offline: pressing "Start chat" will say so */ });
  }

  function unavailable(reason, closedNow) {
    var reasonNode = $("[data-chat-unavailable-reason]");
    var hours = $("[data-chat-hours]");
    reasonNode.textContent = reason;
    if (hours) {
      hours.hidden = !closedNow;
    }
    var titleFocused = document.activeElement === title;
    show("unavailable");
    if (titleFocused) {
      focus(reasonNode);
    }
  }

  // --- the socket (chat-socket.js) ---------------------------------------------------------

  var P = null; // chat-socket.js once loaded: its ChatSocket and the protocol's constants
  var chat = null; // the ChatSocket
  var loading = null;

  /* Load chat-socket.js (once) and make the socket client: a promise of it. */
  function socketClient() {
    if (!loading) {
      loading = import("./chat-socket.js").then(function (module) {
        P = module;
        outbox = new module.Outbox(send, function (entry) {
          markStatus(entry.element, "sending");
        });
        chat = new module.ChatSocket(root.getAttribute("data-ws-path"), {
          // A lost socket comes back only for a conversation this tab has started.
          canResume: function () {
            return Boolean(stored && stored.token) && !ended;
          },
          resume: resume,
          onClose: closed,
          watchNetwork: true
        });
        listen(chat);
        return chat;
      });
      loading.catch(function () {
        loading = null; // offline, say: try again next time
      });
    }
    return loading;
  }

  // --- the proof of work (proof-of-work.js: its Proofs, loaded with the panel) ----------------
  // A start and a left message carry a solved challenge: the availability answer's, solved
  // while the visitor reads, or the one a refusal (ERROR_PROOF) brings, then sent again.

  var proofs = null;
  var lastRequest = null; // the start or leave_message frame sent last ...
  var requestTries = 0; // ... and how often (a server that refuses every proof: no loop)

  function withProofs(then) {
    return import("./proof-of-work.js").then(function (module) {
      proofs = proofs || new module.Proofs();
      return then(proofs);
    });
  }

  function sendWithProof(frame, challenge) {
    lastRequest = frame;
    requestTries = challenge ? requestTries + 1 : 1;
    // A press before the availability answer came: its challenge is the one to use.
    (asking || Promise.resolve()).then(function () {
      return withProofs(function (p) {
        if (challenge) {
          p.prepare(challenge);
        }
        return p.take(frame.type);
      });
    }).catch(function () { return ""; }).then(function (proof) {
      frame.proof = proof;
      connect(function () { send(frame); });
    });
  }

  /* Open a socket; greet() sends the first frame once it is open. */
  function connect(greet) {
    socketClient().then(function (client) {
      client.connect(greet);
    }, function () {
      closed(null, "closed"); // as if the socket had closed before the server answered
      if (stored) {
        setStatus(S.error);
      }
    });
  }

  /* A socket is open or opening. */
  function connected() {
    return Boolean(chat && chat.active);
  }

  function send(frame) {
    return chat ? chat.send(frame) : false;
  }

  function closed(code, outcome) {
    if (quickExitDone) {
      quickExitDone();
      return;
    }
    if (ended) {
      return;
    }
    if (outcome === "final") {
      // The conversation has ended, its token is unknown, or another window has taken it up.
      finish(code === P.protocol.CLOSE_REPLACED ? S.replaced : S.ended);
      return;
    }
    if (outbox) {
      outbox.setReady(false);
    }
    if (outcome === "reconnect") {
      socketWasLost = true;
      lostAt = lostAt || Date.now();
      if (Date.now() - lostAt > P.protocol.RESUME_SECONDS * 1000) {
        unreachable(); // the conversation cannot be taken up again now
      } else {
        setStatus(S.reconnecting);
      }
      return;
    }
    // Starting or leaving a message failed before the server answered.
    if (starting || leaving) {
      starting = false;
      leaving = false;
      startButton.disabled = false;
      leaveForm.querySelector("button[type=submit]").disabled = false;
      setStatus(S.error);
    }
  }

  function resume() {
    if (!stored || !stored.token || ended) {
      return;
    }
    connect(function () {
      send({ type: "resume", token: stored.token, last_seq: lastSeq });
    });
  }

  // --- frames from the server ---------------------------------------------------------------

  /* The server's frames, by type. */
  function listen(client) {
    client
      .on("started", function (frame) {
        starting = false;
        justStarted = true;
        stored = { token: frame.token };
        persist();
        outbox.setReady(true);
      })
      .on("resumed", function () {
        setStatus(socketWasLost ? S.connected : "", true);
        socketWasLost = false;
        lostAt = null;
        syncing = false; // the resume's own `synced` follows
        outbox.setReady(true); // what was on its way goes again, with its client id
      })
      .on("state", function (frame) {
        onState(frame.conversation);
      })
      .on("queue", onQueue)
      .on("message", onMessage)
      .on("ack", onAck)
      .on("delivered", function (frame) {
        onDelivered(frame.seq);
      })
      .on("typing", onTyping)
      .on("consent_request", onConsentRequest)
      .on("consent_recorded", onConsentRecorded)
      .on("message_left", function (frame) {
        leaving = false;
        finish(S.messageLeft, frame.withdrawal_code, frame.return_code);
      })
      .on("ended", onEnded)
      .on("synced", function (frame) {
        syncing = false;
        complete(frame.through);
      })
      .on("pong", onPong)
      .on("error", onError);
  }

  /* Every heartbeat's answer says how far the conversation goes (private notes included):
     beyond where the page has everything, a message may have been lost on the way, and the
     page asks for what follows (what it has already is not shown twice). */
  function onPong(frame) {
    var last = frame.last_seq;
    if (typeof last === "number" && last > lastSeq && stored && !syncing) {
      syncing = true;
      send({ type: "sync", after: lastSeq });
    }
  }

  /* Message `seq` is shown. */
  function shown(seq) {
    seenAfter[seq] = true;
    complete(lastSeq);
  }

  /* Everything up to `through` is shown: move the number up to which nothing is missing. */
  function complete(through) {
    if (typeof through !== "number") {
      return;
    }
    lastSeq = Math.max(lastSeq, through);
    while (seenAfter[lastSeq + 1]) {
      lastSeq += 1;
    }
    Object.keys(seenAfter).forEach(function (key) {
      if (Number(key) <= lastSeq) {
        delete seenAfter[key];
      }
    });
  }

  function onState(conversation) {
    status = conversation.status;
    consent = conversation.consent;
    language = conversation.language || language;
    onDelivered(conversation.delivered_seq || 0);
    if (status === "waiting") {
      show("queue", "conversation");
    } else if (currentView !== "consent") {
      show("conversation");
    }
    if (stored && stored.code) {
      showGranted(stored.code, stored.returnCode);
    }
    if (justStarted) {
      // The start button has gone: the message box is where the visitor continues.
      justStarted = false;
      focus(input);
    }
  }

  function onQueue(frame) {
    var minutes = Math.round((frame.estimated_wait_seconds || 0) / 60);
    $("[data-chat-queue]").textContent = format(S.queue, { position: frame.position }) + " " +
      (minutes < 1 ? S.waitSoon : format(S.wait, { minutes: minutes }));
  }

  function onMessage(frame) {
    if (typeof frame.seq !== "number") {
      return;
    }
    shown(frame.seq);
    if (frame.event === "operator_ended") {
      operatorEnding = true;
    }
    if (frame.sender !== "visitor") {
      typingLine.hidden = true;
      acknowledge(frame.seq);
    }
    if (log.querySelector("[data-seq='" + frame.seq + "']")) {
      return; // already shown: a resume may repeat what we have
    }
    if (frame.event === "consent_granted" || frame.event === "consent_declined") {
      return; // written for the adviser; the visitor sees their own answer's confirmation
    }
    var entry = frame.sender === "visitor" && frame.client_id && outbox.get(frame.client_id);
    var item;
    if (entry) {
      item = entry.element;
      outbox.stored(frame.client_id);
      item.setAttribute("data-seq", frame.seq);
      insertInOrder(item, frame.seq); // the adviser may have written meanwhile
    } else {
      item = document.createElement("li");
      renderMessage(item, frame);
      item.setAttribute("data-seq", frame.seq);
      insertInOrder(item, frame.seq);
    }
    if (frame.sender === "visitor") {
      markStatus(item, frame.seq <= deliveredSeq ? "delivered" : "sent");
    }
    if (currentView === "queue" && frame.event === "accepted") {
      show("conversation");
    }
    if (frame.sender !== "visitor" && !isOpen()) {
      launcher.classList.add("has-unread");
    }
    scrollLog();
  }

  function scrollLog() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  /* Tell the server, at most a few times a second, what we have shown. */
  function acknowledge(seq) {
    if (seq <= receivedSent) {
      return;
    }
    receivedSent = seq;
    if (!receivedTimer) {
      receivedTimer = setTimeout(function () {
        receivedTimer = null;
        send({ type: "received", seq: receivedSent });
      }, 250);
    }
  }

  /* Messages stand in the server's order; those still being sent (no number yet) last. */
  function insertInOrder(item, seq) {
    var before = null;
    var nodes = log.querySelectorAll("[data-seq], .chat__message[data-status='sending'], .chat__message[data-status='failed']");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] !== item && (!nodes[i].hasAttribute("data-seq") || Number(nodes[i].getAttribute("data-seq")) > seq)) {
        before = nodes[i];
        break;
      }
    }
    log.insertBefore(item, before);
  }

  function renderMessage(item, frame) {
    item.className = "chat__message chat__message--" + frame.sender;
    if (frame.sender === "system" && language !== root.getAttribute("data-language")) {
      // Event texts come in the conversation's language, which may not be the page's.
      item.lang = language;
    }
    var who = frame.sender === "visitor" ? S.you : (frame.sender === "operator" ? S.adviser : "");
    if (who) {
      var label = document.createElement("span");
      label.className = "chat__who";
      label.textContent = who;
      item.appendChild(label);
    }
    var body = document.createElement("p");
    body.className = "chat__text";
    if (frame.sender === "operator" && Array.isArray(frame.segments)) {
      frame.segments.forEach(function (segment) {
        var text = String(segment.text || "");
        var href = typeof segment.href === "string" ? segment.href : "";
        if (/^https?:\/\//i.test(href)) {
          var link = document.createElement("a");
          link.href = href;
          link.rel = "noopener noreferrer nofollow";
          link.target = "_blank";
          link.textContent = text;
          body.appendChild(link);
        } else if (/^tel:\+?\d{3,15}$/.test(href)) {
          var call = document.createElement("a"); // a number the adviser gave: one tap
          call.href = href;
          call.textContent = text;
          body.appendChild(call);
        } else {
          body.appendChild(document.createTextNode(text));
        }
      });
    } else {
      body.textContent = frame.text;
    }
    item.appendChild(body);
  }

  function markStatus(item, key) {
    var node = item.querySelector(".chat__delivery");
    if (key === "failed") {
      if (!node || node.tagName !== "BUTTON") {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "chat__delivery chat__retry";
        if (node) {
          node.replaceWith(button);
        } else {
          item.appendChild(button);
        }
        node = button;
      }
    } else if (!node || node.tagName === "BUTTON") {
      var span = document.createElement("span");
      span.className = "chat__delivery";
      if (node) {
        node.replaceWith(span);
      } else {
        item.appendChild(span);
      }
      node = span;
    }
    node.textContent = S[key];
    item.setAttribute("data-status", key);
  }

  function onAck(frame) {
    var entry = outbox.stored(frame.client_id);
    if (entry) {
      entry.element.setAttribute("data-seq", frame.seq);
      insertInOrder(entry.element, frame.seq); // the adviser may have written meanwhile
      shown(frame.seq);
      markStatus(entry.element, frame.seq <= deliveredSeq ? "delivered" : "sent");
    }
  }

  function onDelivered(seq) {
    deliveredSeq = Math.max(deliveredSeq, seq || 0);
    log.querySelectorAll(".chat__message--visitor[data-seq]").forEach(function (node) {
      if (Number(node.getAttribute("data-seq")) <= deliveredSeq) {
        markStatus(node, "delivered");
      }
    });
  }

  function onTyping() {
    typingLine.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingLine.hidden = true; }, 4000);
  }

  function onConsentRequest(frame) {
    renderParagraphs(consentText, frame.text);
    // The chat rules, shown again; the answer names the version shown.
    var rulesText = $("[data-consent-rules-text]");
    rulesText.textContent = "";
    (frame.rules ? frame.rules.paragraphs : []).forEach(function (paragraph) {
      var p = document.createElement("p");
      p.textContent = paragraph;
      rulesText.appendChild(p);
    });
    consentRules.hidden = !frame.rules;
    consentRulesVersion = frame.rules ? frame.rules.version : null;
    // The wording comes in the conversation's language, which may not be the page's.
    [consentText, rulesText].forEach(function (node) {
      if (language !== root.getAttribute("data-language")) {
        node.lang = language;
      } else {
        node.removeAttribute("lang");
      }
    });
    if (currentView !== "consent") {
      consentForm.reset(); // asked again while answering (the adviser ended): keep what is typed
    }
    $("[data-consent-ending]").hidden = !(visitorEnding || operatorEnding);
    consentForm.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
    show("consent");
    focus(consentText);
  }

  function onConsentRecorded(frame) {
    consent = frame.granted ? "granted" : "declined";
    if (frame.granted && frame.withdrawal_code && stored) {
      // Kept for this tab only (sessionStorage), until the chat ends.
      stored.code = frame.withdrawal_code;
      stored.returnCode = frame.return_code;
      persist();
      showGranted(frame.withdrawal_code, frame.return_code);
    }
    addNotice(frame.granted ? S.consentGranted : S.consentDeclined, frame.granted && frame.withdrawal_code);
    if (frame.granted && frame.return_code) {
      addReturnNotice(frame.return_code);
    }
    if (visitorEnding) {
      send({ type: "end" });
    } else if (!operatorEnding) {
      show("conversation");
      focus(input);
    }
  }

  /* The withdrawal code, and the return code, stay in view above the conversation once
     consent is given. */
  function showGranted(code, returnCode) {
    grantedNotice.textContent = S.withdrawalCode + " ";
    var strong = document.createElement("strong");
    strong.textContent = code;
    grantedNotice.appendChild(strong);
    grantedNotice.hidden = false;
    showReturn(grantedReturn, returnCode, false);
  }

  /* The return code (chat.referrals.thread): with it, the visitor comes back later, from any
     device, to read the answers and write again. `explain`: with where and how. */
  function showReturn(node, returnCode, explain) {
    node.textContent = "";
    node.hidden = !returnCode;
    if (!returnCode) {
      return;
    }
    node.appendChild(document.createTextNode(S.returnCode + " "));
    var strong = document.createElement("strong");
    strong.textContent = returnCode;
    node.appendChild(strong);
    if (explain) {
      // One sentence to translate, with the link's place in it: "… on the page “%(link)s”."
      var parts = S.returnHow.split("%(link)s");
      node.appendChild(document.createTextNode(" " + parts[0]));
      var link = document.createElement("a");
      link.href = config.returnUrl;
      link.textContent = S.returnLink;
      node.appendChild(link);
      node.appendChild(document.createTextNode(parts.slice(1).join("")));
    }
  }

  function addReturnNotice(returnCode) {
    var item = document.createElement("li");
    item.className = "chat__message chat__message--notice chat__message--return";
    var body = document.createElement("p");
    body.className = "chat__text chat__code";
    showReturn(body, returnCode, true);
    item.appendChild(body);
    log.appendChild(item);
    scrollLog();
  }

  /* A line of the widget's own in the log (announced like a message), after the last one. */
  function addNotice(text, code) {
    var item = document.createElement("li");
    item.className = "chat__message chat__message--notice";
    var body = document.createElement("p");
    body.className = "chat__text";
    body.textContent = text;
    item.appendChild(body);
    if (code) {
      var value = document.createElement("p");
      value.className = "chat__text chat__code";
      var strong = document.createElement("strong");
      strong.textContent = code;
      value.appendChild(strong);
      item.appendChild(value);
    }
    log.appendChild(item);
    scrollLog();
  }

  function onEnded(frame) {
    var code = stored && stored.code;
    var returnCode = stored && stored.returnCode;
    if (quickExitDone) {
      quickExitDone();
      return;
    }
    finish(code ? S.consentGranted : (frame.outcome === "quick_exit" ? S.endedHurry : S.ended), code, returnCode);
  }

  function onError(frame) {
    if (frame.code === P.protocol.ERROR_PROOF && lastRequest && frame.request === lastRequest.type &&
        frame.challenge && requestTries < 3) {
      sendWithProof(lastRequest, frame.challenge);
      return;
    }
    if (frame.code === P.protocol.ERROR_REPLACED) {
      return; // the socket closes with CLOSE_REPLACED next (`closed` says so)
    }
    if (frame.request === "resume" && frame.code !== P.protocol.ERROR_TOKEN) {
      // The server failed to resume (the database, say): it closes the socket next, and the
      // conversation is resumed again after the back-off.
      setStatus(S.reconnecting);
      return;
    }
    if (frame.code === P.protocol.ERROR_UNAVAILABLE && !stored) {
      // A new visitor while the chat cannot take anyone: the hotline, at once.
      starting = false;
      leaving = false;
      startButton.disabled = false;
      leaveForm.querySelector("button[type=submit]").disabled = false;
      chat.close();
      unavailable(S.outOfService, false);
      return;
    }
    if (frame.code === P.protocol.ERROR_UNAVAILABLE) {
      setStatus(S.reconnecting); // a conversation to come back to: the socket comes back
      return;
    }
    if (frame.code === P.protocol.ERROR_QUEUE_FULL) {
      starting = false;
      startButton.disabled = false;
      stored = null;
      persist();
      chat.close();
      status = null;
      unavailable(frame.message || S.noOperators, false);
      return;
    }
    var mine = frame.client_id && outbox.get(frame.client_id);
    if (mine) {
      if (!outbox.refused(frame.client_id, frame.code)) {
        markStatus(mine.element, "failed"); // for the visitor to try again
        setStatus(frame.message || S.error, true);
      }
      return;
    }
    if (frame.code === P.protocol.ERROR_TOKEN) {
      return; // the socket closes with CLOSE_TOKEN next, and the chat ends
    }
    if (frame.request === "leave_message" || leaving) {
      leaving = false;
      leaveError.textContent = frame.message || S.error;
      leaveForm.querySelector("button[type=submit]").disabled = false;
      chat.close();
      return;
    }
    if (frame.request === "start") {
      starting = false;
      startButton.disabled = false;
    }
    setStatus(frame.message || S.error, true);
  }

  function finish(text, code, returnCode) {
    ended = true;
    starting = false;
    leaving = false;
    stored = null;
    persist();
    if (outbox) {
      outbox.clear();
    }
    setStatus("");
    typingLine.hidden = true;
    $("[data-chat-ended-text]").textContent = text;
    var codeNode = $("[data-chat-code]");
    codeNode.textContent = "";
    codeNode.hidden = !code;
    if (code) {
      codeNode.textContent = S.withdrawalCode + " ";
      var strong = document.createElement("strong");
      strong.textContent = code;
      codeNode.appendChild(strong);
    }
    showReturn($("[data-chat-return]"), code && returnCode, true);
    show("ended");
    if (!isOpen()) {
      launcher.classList.add("has-unread");
    }
    focus($("[data-chat-ended-text]"));
    if (chat) {
      chat.close(P.protocol.CLOSE_NORMAL);
    }
  }

  /* The conversation's socket could not be resumed for as long as the server keeps a
     conversation for a visitor who has gone (the resume period): stop trying, and show what
     else there is (the hotline, leaving a message; the emergency number is always shown). */
  function unreachable() {
    ended = true;
    stored = null;
    persist();
    if (outbox) {
      outbox.clear();
    }
    lostAt = null;
    socketWasLost = false;
    typingLine.hidden = true;
    setStatus("");
    if (chat) {
      chat.close();
    }
    unavailable(S.unreachable, false);
    focus($("[data-chat-unavailable-reason]"));
  }

  /* After "Close" on the last view: everything is as if the page had just loaded. */
  function reset() {
    ended = false;
    status = null;
    language = root.getAttribute("data-language");
    socketWasLost = false;
    lostAt = null;
    consent = "not_asked";
    visitorEnding = false;
    operatorEnding = false;
    lastSeq = 0;
    seenAfter = {};
    syncing = false;
    deliveredSeq = 0;
    receivedSent = 0;
    log.textContent = "";
    grantedNotice.hidden = true;
    grantedNotice.textContent = "";
    showReturn(grantedReturn, null, false);
    input.value = "";
    hint.textContent = "";
    startButton.disabled = false;
    leaveForm.reset();
    leaveForm.querySelector("button[type=submit]").disabled = false;
    leaveError.textContent = "";
    currentView = null;
    show("intro");
  }

  // --- the visitor's actions ----------------------------------------------------------------

  function sendMessage(text) {
    var clientId = P.newClientId();
    var item = document.createElement("li");
    renderMessage(item, { sender: "visitor", text: text });
    log.appendChild(item);
    markStatus(item, "sending");
    outbox.add(clientId, { frame: { type: "message", client_id: clientId, text: text }, element: item });
    item.addEventListener("click", function (event) {
      if (event.target.closest(".chat__retry")) {
        outbox.retry(clientId);
        input.focus();
      }
    });
    scrollLog();
  }

  launcher.addEventListener("click", function (event) {
    if (isOpen()) {
      closePanel();
    } else {
      openPanel(event);
    }
  });
  document.querySelectorAll("[data-chat-open]").forEach(function (node) {
    node.addEventListener("click", openPanel);
  });
  $("[data-chat-close]").addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.defaultPrevented) {
      closePanel();
    }
  });

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (connected() || stored || starting) {
      return;
    }
    var topic = startForm.querySelector("input[name=topic]:checked");
    ended = false;
    starting = true;
    startButton.disabled = true;
    setStatus(proofs && proofs.ready("start") ? "" : S.preparing);
    sendWithProof({ type: "start", language: startForm.language.value, topic: topic ? topic.value : "unsaid" });
  });

  $("[data-chat-show-leave]").addEventListener("click", function () {
    show("leave");
    $("#chat-leave-text").focus();
  });

  leaveForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (leaving || connected()) {
      return;
    }
    var text = leaveForm.text.value.trim();
    var wrong = [];
    if (!text) {
      wrong.push(leaveForm.text);
    }
    if (!leaveForm.consent.checked) {
      wrong.push(leaveForm.consent);
    }
    leaveError.textContent = "";
    var problems = [];
    [leaveForm.text, leaveForm.consent].forEach(function (field) {
      var invalid = wrong.indexOf(field) !== -1;
      var message = field === leaveForm.text ? S.leaveTextMissing : S.leaveConsentMissing;
      if (invalid) {
        field.setAttribute("aria-invalid", "true");
        problems.push({ id: field.id, message: message });
      } else {
        field.removeAttribute("aria-invalid");
      }
      leaveForm.querySelector("[data-chat-error-for=" + field.name + "]").textContent = invalid ? message : "";
    });
    if (problems.length) {
      showProblems(leaveSummary, problems);
      return;
    }
    hideProblems(leaveSummary);
    var topic = startForm.querySelector("input[name=topic]:checked");
    var frame = {
      type: "leave_message",
      // The consent wording shown above is the page's language: it is the one agreed to.
      language: root.getAttribute("data-language"),
      topic: topic ? topic.value : "unsaid",
      text: text,
      contact: leaveForm.contact.value.trim(),
      consent: true,
      rules: config.rulesVersion // the version shown above, with the page
    };
    leaving = true;
    ended = false;
    leaveForm.querySelector("button[type=submit]").disabled = true;
    sendWithProof(frame);
  });

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || !stored || !P) {
      return; // (P: chat-socket.js is still loading; the text stays in the box)
    }
    if (text.length > P.protocol.MAX_MESSAGE_CHARS) {
      hint.textContent = format(S.tooLong, { max: P.protocol.MAX_MESSAGE_CHARS });
      input.setAttribute("aria-invalid", "true");
      return;
    }
    hint.textContent = "";
    input.removeAttribute("aria-invalid");
    sendMessage(text);
    lastTypingSent = 0; // the message hid the indicator: the next keystroke shows it again
    input.value = "";
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit(composer);
    }
  });

  input.addEventListener("input", function () {
    var now = Date.now();
    if (status === "active" && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      send({ type: "typing" });
    }
  });

  $("[data-chat-end]").addEventListener("click", function () {
    if (!stored) {
      return;
    }
    if (consent === "granted" || consent === "declined") {
      send({ type: "end" });
    } else {
      // Ask before leaving, in the conversation's language, with the server's exact wording
      // (a visitor still waiting has told nobody anything: the chat simply ends).
      visitorEnding = true;
      send({ type: "consent_wording" });
    }
  });

  consentForm.addEventListener("submit", function (event) {
    event.preventDefault();
    consentForm.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    send({
      type: "consent",
      grant: true,
      transcript: consentForm.transcript.checked,
      contact: consentForm.contact.value.trim(),
      rules: consentRulesVersion
    });
  });

  $("[data-consent-decline]").addEventListener("click", function () {
    consentForm.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    send({ type: "consent", grant: false, rules: consentRulesVersion });
  });

  $("[data-chat-restart]").addEventListener("click", function () {
    reset();
    closePanel();
  });

  /*
   * Quick exit (static/js/quick-exit.js): end the conversation at once, flagged so that
   * nobody contacts the visitor back, and wipe the token. The page is already hidden; the
   * exit waits (briefly, with a limit of its own) until the server has confirmed.
   */
  window.addEventListener("lantern:quick-exit", function (event) {
    var token = stored && stored.token;
    var wasOpen = Boolean(chat && chat.isOpen);
    ended = true;
    stored = null;
    persist();
    if (chat) {
      chat.cancelReconnect();
    }
    log.textContent = "";
    if (!token) {
      return;
    }
    var done = new Promise(function (resolve) {
      quickExitDone = resolve; // on "ended", or when the socket closes
    });
    if (wasOpen) {
      send({ type: "quick_exit" });
    } else {
      // Reconnecting: open a socket just to say so (connect closes one still opening).
      connect(function () {
        send({ type: "resume", token: token, last_seq: lastSeq });
        send({ type: "quick_exit" });
      });
    }
    if (event.detail && typeof event.detail.waitUntil === "function") {
      event.detail.waitUntil(done);
    }
  });

  launcher.hidden = false;
  window.addEventListener("resize", fitBelowBar);

  // A conversation in this tab survives reloads: resume it.
  if (stored) {
    fitBelowBar();
    panel.hidden = false;
    root.classList.add("is-open");
    launcher.setAttribute("aria-expanded", "true");
    show("conversation");
    resume();
  }
  return { open: openPanel, isOpen: isOpen };
}
