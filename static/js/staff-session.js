/*
 * The staff session's warning before it ends (lantern.sessions), on every Wagtail admin page.
 * An ES module, vanilla JavaScript, configured by the data- attributes of its own <script>
 * (site/wagtail_hooks.py).
 *
 * The server keeps the deadlines: a session ends after LANTERN_STAFF_IDLE_SECONDS without
 * activity, and LANTERN_STAFF_SESSION_MAX_SECONDS after signing in. This script asks the status
 * endpoint (GET: the seconds left, without counting as activity) when the page loads, and again
 * before it warns and before it gives up: another tab may have extended the session meanwhile.
 * When the warning is due it shows a dialog (role=alertdialog, focus on its button); "Stay
 * signed in" POSTs to the endpoint (activity). The person's own keys and clicks on the page
 * count as activity too, reported at most once per `activity_seconds`. At the end it goes to
 * the sign-in page, where the server says why.
 */

const RETRY_MS = 5000; // the endpoint could not be reached: ask again after this long
const MARGIN_MS = 1000; // "due" this close to the moment
const CHANNEL = "lantern-staff-session";

function wagtailConfig() {
  const node = document.getElementById("wagtail-config");
  try {
    return node ? JSON.parse(node.textContent) : {};
  } catch (e) {
    return {};
  }
}

/* "in 2 minutes", "in 8 seconds", in the page's language. */
function when(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const lang = document.documentElement.lang || undefined;
  let format;
  try {
    format = new Intl.RelativeTimeFormat(lang, { numeric: "always" });
  } catch (e) {
    format = new Intl.RelativeTimeFormat(undefined, { numeric: "always" });
  }
  return seconds >= 60
    ? format.format(Math.ceil(seconds / 60), "minute")
    : format.format(seconds, "second");
}

class StaffSession {
  constructor(node) {
    this.data = node.dataset;
    const config = wagtailConfig();
    this.csrfToken = config.CSRF_TOKEN || "";
    this.csrfHeader = config.CSRF_HEADER_NAME || "X-CSRFToken";
    this.signedIn = false; // the endpoint has said so on this page
    this.stopped = false;
    this.deadline = 0; // Date.now() at which the session ends
    this.warningMs = 0;
    this.endsBy = "idle";
    this.activityMs = 60000;
    this.loginUrl = "";
    this.lastReported = Date.now(); // this page's load was activity
    this.timer = null;
    this.ticker = null;
    this.dismissed = false; // the absolute limit's notice, closed with "OK"
    this.dialog = null;
    this.channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
  }

  start() {
    if (this.channel) {
      // Another tab extended the session: this one asks for the new deadline.
      this.channel.addEventListener("message", () => this.refresh("GET"));
    }
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") {
        this.refresh("GET");
      }
    });
    const activity = () => this.activity();
    document.addEventListener("keydown", activity, true);
    document.addEventListener("pointerdown", activity, true);
    this.refresh("GET");
  }

  async ask(method) {
    const headers = { Accept: "application/json" };
    if (method === "POST") {
      headers[this.csrfHeader] = this.csrfToken;
    }
    let response;
    try {
      response = await fetch(this.data.statusUrl, {
        method: method,
        headers: headers,
        credentials: "same-origin",
        cache: "no-store",
        redirect: "manual", // sent elsewhere (a second factor to give): not for this script
      });
    } catch (e) {
      return { retry: true };
    }
    if (response.status === 401) {
      let body = {};
      try {
        body = await response.json();
      } catch (e) { /* the answer is enough */ }
      return { signed_in: false, login_url: body.login_url };
    }
    if (!response.ok) {
      return response.status >= 500 ? { retry: true } : { stop: true };
    }
    try {
      return await response.json();
    } catch (e) {
      return { stop: true };
    }
  }

  async refresh(method) {
    if (this.stopped) {
      return;
    }
    const answer = await this.ask(method);
    if (this.stopped) {
      return;
    }
    if (answer.retry) {
      this.later(() => this.refresh("GET"), RETRY_MS);
    } else if (answer.stop) {
      this.stop();
    } else if (!answer.signed_in) {
      if (this.signedIn) {
        this.signIn(answer.login_url || this.loginUrl);
      } else {
        this.stop(); // a page for somebody not signed in (the sign-in page itself)
      }
    } else {
      this.signedIn = true;
      this.deadline = Date.now() + answer.remaining * 1000;
      this.warningMs = answer.warning_seconds * 1000;
      this.endsBy = answer.ends_by;
      this.activityMs = answer.activity_seconds * 1000;
      this.loginUrl = answer.login_url;
      if (method === "POST" && this.channel) {
        this.channel.postMessage("extended");
      }
      this.schedule();
    }
  }

  /* What comes next, from the deadline the server gave last. */
  schedule() {
    const left = this.deadline - Date.now();
    if (left > this.warningMs + MARGIN_MS) {
      this.dismissed = false;
      this.hide();
      // Asked again first: the warning is shown only if the server still says it is due.
      this.later(() => this.refresh("GET"), left - this.warningMs);
    } else if (left > 0) {
      if (!this.dismissed) {
        this.show();
      }
      this.later(() => this.refresh("GET"), left + MARGIN_MS / 2);
    } else {
      this.later(() => this.refresh("GET"), MARGIN_MS);
    }
  }

  later(callback, ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(callback, Math.max(0, ms));
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.hide();
  }

  signIn(url) {
    this.stop();
    const next = window.location.pathname + window.location.search;
    const target = new URL(url, window.location.href);
    target.searchParams.set("next", next);
    window.location.assign(target.toString());
  }

  /* The person pressed a key or clicked on the page: activity, reported now and then. */
  activity() {
    if (!this.signedIn || this.stopped || (this.dialog && this.dialog.open)) {
      return;
    }
    if (Date.now() - this.lastReported >= this.activityMs) {
      this.lastReported = Date.now();
      this.refresh("POST");
    }
  }

  stay() {
    this.lastReported = Date.now();
    if (this.endsBy === "absolute") {
      this.dismissed = true; // nothing can extend it: the notice has been read
      this.hide();
    } else {
      this.refresh("POST");
    }
  }

  // --- the dialog ------------------------------------------------------------------------------

  build() {
    const dialog = document.createElement("dialog");
    dialog.className = "staff-session";
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", "staff-session-title");
    dialog.setAttribute("aria-describedby", "staff-session-message");
    const title = document.createElement("h2");
    title.id = "staff-session-title";
    title.className = "staff-session__title";
    title.textContent = this.data.title;
    const message = document.createElement("p");
    message.id = "staff-session-message";
    message.className = "staff-session__message";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button staff-session__stay";
    button.addEventListener("click", () => this.stay());
    // Escape: the person is there, which is what the button says too.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.stay();
    });
    dialog.append(title, message, button);
    document.body.append(dialog);
    this.dialog = dialog;
    this.message = message;
    this.button = button;
  }

  show() {
    if (!this.dialog) {
      this.build();
    }
    const absolute = this.endsBy === "absolute";
    this.button.textContent = absolute ? this.data.dismiss : this.data.stay;
    this.update();
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement;
      this.dialog.showModal();
      this.button.focus();
      // The time left, kept true while the dialog is open (not announced again: it is not
      // a live region; the dialog's description is read when it opens).
      this.ticker = setInterval(() => this.update(), 1000);
    }
  }

  update() {
    const template = this.endsBy === "absolute" ? this.data.absoluteMessage : this.data.idleMessage;
    this.message.textContent = template.replace("%(when)s", when(this.deadline - Date.now()));
  }

  hide() {
    clearInterval(this.ticker);
    this.ticker = null;
    if (this.dialog && this.dialog.open) {
      this.dialog.close();
      if (this.returnFocus && this.returnFocus.isConnected && this.returnFocus.focus) {
        this.returnFocus.focus();
      }
    }
  }
}

const node = document.querySelector("script[data-staff-session]");
if (node && window.fetch && window.HTMLDialogElement) {
  new StaffSession(node).start();
}
