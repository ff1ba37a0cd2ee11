/*
 * The chat's websocket client, shared by the visitor's widget (chat-panel.js) and the
 * operator console (chat-console.js). An ES module, vanilla JavaScript, no build step.
 * Protocol: docs/chat-protocol.md; its codes and limits are the server's own, read from the
 * page and exported as `protocol` under the names of chat/protocol.py.
 *
 * What it does for both: opens the socket on this page's host (wss: on https pages), parses
 * the server's JSON frames and hands each to the handler registered for its type, pings at
 * the protocol's heartbeat and treats a socket that answers nothing within PONG_TIMEOUT_MS as
 * dead, and after an unexpected close reconnects with exponential back-off and jitter, unless
 * the close code says that coming back is pointless (protocol.NO_RECONNECT_CODES).
 *
 * What it leaves to them: what to say once a socket is open (start, resume, ...), what the
 * person sees, and their own messages until the server has acknowledged them. Frames are not
 * queued: `send` returns false while there is no open socket, and each client keeps its
 * unacknowledged messages (by client_id) to send again, as the protocol allows.
 *
 *     const chat = new ChatSocket("/ws/chat/visitor/", {
 *       canResume: () => Boolean(token),       // come back after an unexpected close?
 *       resume: () => chat.connect(() => chat.send({ type: "resume", ... })),
 *       onClose: (code, outcome) => { ... },   // outcome: "final", "reconnect" or "closed"
 *       watchNetwork: true,                    // the browser's online/offline events
 *     });
 *     chat.on("message", frame => { ... }).on("ended", frame => { ... });
 *     chat.connect(() => chat.send({ type: "start", ... }));
 */

// --- The protocol: served by the page, not written down here ----------------------------------
// Every close code, error code and limit comes from chat/protocol.py (`for_clients`), which
// the page that loads this module carries as <script type="application/json"
// id="lantern-chat-protocol"> ({% chat_protocol %}). Its names are chat/protocol.py's:
// protocol.CLOSE_ENDED, protocol.ERROR_QUEUE_FULL, protocol.NO_RECONNECT_CODES (the server has
// closed for good: the conversation has ended, the visitor's token is unknown or expired, or
// the operator is not, or no longer, allowed in; after any other close the client comes back).
function readProtocol() {
  const node = document.getElementById("lantern-chat-protocol");
  let values = {};
  try {
    values = node ? JSON.parse(node.textContent) : {};
  } catch (e) { /* a page without it: nothing is known, the client only reconnects */ }
  if (!Array.isArray(values.NO_RECONNECT_CODES)) {
    values.NO_RECONNECT_CODES = [];
  }
  return Object.freeze(values);
}

export const protocol = readProtocol();

// --- The client's own timings ----------------------------------------------------------------

export const PONG_TIMEOUT_MS = 10000; // no frame at all this long after a ping: the socket is dead
export const FIRST_RECONNECT_MS = 1000; // the back-off starts here and doubles ...
export const MAX_RECONNECT_MS = 15000; // ... up to this
// A socket closed sooner than this after it opened (a server that accepts and closes at once,
// as one out of service does) does not start the back-off again from the beginning.
const STABLE_MS = 10000;
const CLOSE_ABNORMAL = 1006; // what a socket given up on by the client counts as

/* A client id for a message (24 hex characters; the protocol allows 1 to 64). */
export function newClientId() {
  const bytes = new Uint8Array(12);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/*
 * One conversation's own messages not yet acknowledged, in the order written: one at a time
 * is on its way, the next once the server has acknowledged it, and only while `ready` (on a
 * socket the server has greeted: `resumed`, the console's `state`). Whatever happens to the
 * connection, the server stores them in the order written, each once (a message sent again
 * keeps its client id). What the server could not take now (a failure of its own, too many at
 * once) goes again by itself after a wait (1 s, doubling up to 15 s), still in order; any other
 * refusal marks the message failed, for the person to try again.
 *
 *     const outbox = new Outbox(frame => chat.send(frame), entry => show(entry, "sending"));
 *     outbox.add(clientId, { frame: { type: "message", client_id: clientId, text }, element });
 *     outbox.stored(frame.client_id);          // on its ack (or its message, after a resume)
 *     outbox.refused(frame.client_id, frame.code) // on an error naming it: true if it goes again
 */
export class Outbox {
  constructor(send, sending = () => {}) {
    this.send = send;
    this.sending = sending;
    this.entries = new Map();
    this.inFlight = null;
    this.ready = false;
    this.holdTimer = null;
    this.holdDelay = 0;
  }

  get(id) {
    return this.entries.get(id);
  }

  add(id, entry) {
    entry.failed = false;
    this.entries.set(id, entry);
    this.pump();
    return entry;
  }

  /* A greeted socket (true), or none (false). What was on its way goes again when ready. */
  setReady(ready) {
    this.ready = ready;
    this.inFlight = null;
    this.pump();
  }

  pump() {
    if (!this.ready || this.inFlight !== null || this.holdTimer !== null) {
      return;
    }
    for (const [id, entry] of this.entries) {
      if (!entry.failed) {
        if (this.send(entry.frame)) {
          this.inFlight = id;
          this.sending(entry);
        }
        return;
      }
    }
  }

  /* The server has it: the entry, gone from the outbox, and the next one goes. */
  stored(id) {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (this.inFlight === id) {
      this.inFlight = null;
    }
    this.holdDelay = 0;
    this.pump();
    return entry;
  }

  /* Refused with `code`: true if it goes again by itself, false if it is marked failed. */
  refused(id, code) {
    const entry = this.entries.get(id);
    if (!entry) {
      return false;
    }
    if (this.inFlight === id) {
      this.inFlight = null;
    }
    if (code === protocol.ERROR_SERVER || code === protocol.ERROR_RATE_LIMITED) {
      this.holdDelay = Math.min(Math.max(this.holdDelay * 2, FIRST_RECONNECT_MS), MAX_RECONNECT_MS);
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => {
        this.holdTimer = null;
        this.pump();
      }, this.holdDelay);
      return true;
    }
    entry.failed = true;
    this.pump();
    return false;
  }

  /* The person asks for a failed one to go again. */
  retry(id) {
    const entry = this.entries.get(id);
    if (entry && entry.failed) {
      entry.failed = false;
      this.sending(entry);
      this.pump();
    }
  }

  clear() {
    this.entries.clear();
    this.inFlight = null;
    clearTimeout(this.holdTimer);
    this.holdTimer = null;
    this.holdDelay = 0;
  }
}

export class ChatSocket {
  /**
   * path: the endpoint on this page's host ("/ws/chat/visitor/").
   * options.canResume(): whether a socket lost unexpectedly should be opened again (default:
   *   always). Asked when it closes, and on "online"/"offline".
   * options.resume(): opens it again once the back-off has passed (default: connect()).
   * options.onClose(code, outcome): the socket closed without close() having been called:
   *   "final" (protocol.NO_RECONNECT_CODES: nothing more happens), "reconnect" (resume() is
   *   called after the back-off) or "closed" (canResume() said no).
   * options.watchNetwork: drop the socket when the browser goes offline, and come back at
   *   once (without waiting for the back-off) when it is online again.
   */
  constructor(path, options = {}) {
    this.path = path;
    this.canResume = options.canResume || (() => true);
    this.resume = options.resume || (() => this.connect());
    this.onClose = options.onClose || (() => {});
    this.handlers = new Map();
    this.socket = null;
    this.delay = FIRST_RECONNECT_MS;
    this.openedAt = 0;
    this.reconnectTimer = null;
    this.heartbeat = null;
    this.pongTimer = null;
    if (options.watchNetwork) {
      window.addEventListener("online", () => {
        if (!this.socket && this.canResume()) {
          this.delay = FIRST_RECONNECT_MS;
          this.resume();
        }
      });
      // The browser knows the network is gone: the socket is dead even if it has not closed.
      window.addEventListener("offline", () => {
        if (this.socket && this.canResume()) {
          this.drop();
        }
      });
    }
  }

  /* Frames of this type go to handler(frame); types nobody handles are ignored. */
  on(type, handler) {
    this.handlers.set(type, handler);
    return this;
  }

  /* A socket is open or opening (between connect() and its close). */
  get active() {
    return this.socket !== null;
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /* Open a socket (quietly closing one still there); greet() runs once it is open. */
  connect(greet) {
    this.cancelReconnect();
    this.close();
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + window.location.host + this.path);
    this.socket = ws;
    ws.addEventListener("open", () => {
      if (ws !== this.socket) {
        return;
      }
      this.openedAt = Date.now();
      this.startHeartbeat();
      if (greet) {
        greet();
      }
    });
    ws.addEventListener("message", (event) => {
      if (ws !== this.socket) {
        return;
      }
      clearTimeout(this.pongTimer); // any frame proves the socket alive
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (frame && typeof frame.type === "string") {
        const handler = this.handlers.get(frame.type);
        if (handler) {
          handler(frame);
        }
      }
    });
    ws.addEventListener("close", (event) => {
      if (ws === this.socket) {
        this.socket = null;
        this.closed(event.code);
      }
    });
  }

  /* Send a frame now, if the socket is open; false if it could not be sent. */
  send(frame) {
    if (this.isOpen) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /* Close on purpose (with `code`, if given) and forget the socket: no onClose, no reconnect. */
  close(code) {
    this.cancelReconnect();
    this.stopHeartbeat();
    const ws = this.socket;
    this.socket = null;
    if (ws) {
      try {
        if (code === undefined) {
          ws.close();
        } else {
          ws.close(code);
        }
      } catch (e) { /* already closing */ }
    }
  }

  /* Give the socket up as lost at once (without waiting for its close), and react as to a
     lost connection: onClose, and a reconnect if canResume(). */
  drop() {
    const ws = this.socket;
    this.socket = null;
    if (ws) {
      try {
        ws.close();
      } catch (e) { /* already closing */ }
      this.closed(CLOSE_ABNORMAL);
    }
  }

  cancelReconnect() {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  // --- inside --------------------------------------------------------------------------------

  closed(code) {
    this.stopHeartbeat();
    if (this.openedAt && Date.now() - this.openedAt >= STABLE_MS) {
      this.delay = FIRST_RECONNECT_MS; // it had worked: come back quickly
    }
    this.openedAt = 0;
    if (protocol.NO_RECONNECT_CODES.includes(code)) {
      this.onClose(code, "final");
    } else if (this.canResume()) {
      this.onClose(code, "reconnect");
      if (!this.socket && this.canResume()) {
        this.scheduleReconnect(); // unless onClose has connected again, or given up, itself
      }
    } else {
      this.onClose(code, "closed");
    }
  }

  /* Exponential back-off with "equal jitter": between half and all of the current delay, so
     that the clients a restarted server dropped do not all come back at the same moment. */
  scheduleReconnect() {
    this.cancelReconnect();
    const wait = Math.round(this.delay * (0.5 + Math.random() * 0.5));
    this.delay = Math.min(this.delay * 2, MAX_RECONNECT_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.resume();
    }, wait);
  }

  startHeartbeat() {
    this.stopHeartbeat();
    if (!protocol.HEARTBEAT_SECONDS) {
      return; // a page without the protocol
    }
    this.heartbeat = setInterval(() => {
      if (this.send({ type: "ping" })) {
        // No answer at all within the timeout: the connection is dead without having closed.
        clearTimeout(this.pongTimer);
        this.pongTimer = setTimeout(() => this.drop(), PONG_TIMEOUT_MS);
      }
    }, protocol.HEARTBEAT_SECONDS * 1000);
  }

  stopHeartbeat() {
    clearInterval(this.heartbeat);
    clearTimeout(this.pongTimer);
    this.heartbeat = null;
    this.pongTimer = null;
  }
}
