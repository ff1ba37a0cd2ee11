// Passkeys (WebAuthn) on the second-factor pages: each [data-passkey] element holds a button
// that runs one ceremony with the server (lantern.two_factor.passkeys):
// data-passkey="register" adds a passkey, "authenticate" gives one after the password.
// The server's options arrive as JSON with binary fields in base64url; the browser's answer
// goes back the same way. All texts come translated in data-message-* attributes.

const toBytes = (text) => {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
};

const toText = (buffer) => {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const descriptors = (list) =>
  (list || []).map((item) => ({ ...item, id: toBytes(item.id) }));

class ServerError extends Error {
  constructor(status, code) {
    super(`server answered ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function post(url, csrfToken, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-CSRFToken": csrfToken,
    },
    body: JSON.stringify(body || {}),
  });
  let data = {};
  try {
    data = await response.json();
  } catch {
    data = {};
  }
  if (!response.ok) throw new ServerError(response.status, data.code);
  return data;
}

async function register(options) {
  const publicKey = {
    ...options,
    challenge: toBytes(options.challenge),
    user: { ...options.user, id: toBytes(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
  const credential = await navigator.credentials.create({ publicKey });
  const response = credential.response;
  return {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toText(response.clientDataJSON),
      attestationObject: toText(response.attestationObject),
      transports: response.getTransports ? response.getTransports() : [],
    },
  };
}

async function authenticate(options) {
  const publicKey = {
    ...options,
    challenge: toBytes(options.challenge),
    allowCredentials: descriptors(options.allowCredentials),
  };
  const credential = await navigator.credentials.get({ publicKey });
  const response = credential.response;
  return {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toText(response.clientDataJSON),
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : undefined,
    },
  };
}

function withNext(url, next) {
  if (!next) return url;
  const target = new URL(url, window.location.origin);
  target.searchParams.set("next", next);
  return target.pathname + target.search;
}

function setUp(element) {
  const button = element.querySelector("[data-passkey-button]");
  const status = element.querySelector("[data-passkey-status]");
  const csrfToken = element.querySelector("input[name=csrfmiddlewaretoken]").value;
  const { passkey: ceremony, beginUrl, completeUrl, next } = element.dataset;
  const say = (key) => {
    status.textContent = element.dataset[key] || "";
  };

  if (!window.PublicKeyCredential || !navigator.credentials) {
    say("messageUnsupported");
    return;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    say("messageWorking");
    try {
      const options = await post(beginUrl, csrfToken);
      const answer = ceremony === "register" ? await register(options) : await authenticate(options);
      const done = await post(withNext(completeUrl, next), csrfToken, answer);
      window.location.assign(done.redirect_url || next || window.location.href);
      return;
    } catch (error) {
      if (error instanceof ServerError && error.code === "proof_needed") say("messageProof");
      else if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
        say("messageCancelled");
      } else say("messageFailed");
    }
    button.disabled = false;
  });
}

for (const element of document.querySelectorAll("[data-passkey]")) setUp(element);
