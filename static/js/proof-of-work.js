/*
 * Solves the server's proof-of-work challenge (ALTCHA v2, PBKDF2-SHA-256; lantern/challenge.py)
 * with the browser's own WebCrypto: no third party, no cookie, nothing for the person to do.
 * An ES module, no build step.
 *
 *     const payload = await solve(challenge);   // the challenge as the server sent it
 *     socket.send({type: "start", ..., proof: payload});
 *
 * The server chose a counter and sent the first bytes of the key PBKDF2 derives from
 * nonce + counter; the solver tries counters from 0 up until its key starts with them. The
 * counters are shared out among workers (this same module, loaded as a module worker), one
 * per core up to four, so the page stays responsive and a phone's cores all help; where
 * workers cannot run, the page's own thread does the work.
 */

const WORKERS = Math.min(4, Math.max(1, (globalThis.navigator && navigator.hardwareConcurrency) || 2));
const IN_FLIGHT = 2; // attempts each thread keeps going at once (WebCrypto answers in a promise)

function fromHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) {
    bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  }
  return bytes;
}

function toHex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/* Try counters first, first + step, ... until one fits or `stop()` says so; the fitting
 * {counter, derivedKey}, or null. */
async function search(parameters, first, step, stop) {
  const nonce = fromHex(parameters.nonce);
  const salt = fromHex(parameters.salt);
  const prefix = String(parameters.keyPrefix).toLowerCase();
  const bits = (parameters.keyLength || 32) * 8;
  let found = null;

  async function attempt(counter) {
    const password = new Uint8Array(nonce.length + 4);
    password.set(nonce);
    new DataView(password.buffer).setUint32(nonce.length, counter); // big-endian, as ALTCHA's
    const key = await crypto.subtle.importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
    const derived = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations: parameters.cost },
      key,
      bits,
    );
    return toHex(derived);
  }

  async function lane(start) {
    for (let counter = start; found === null && counter <= 0xffffffff; counter += step * IN_FLIGHT) {
      if (stop()) {
        return;
      }
      const derived = await attempt(counter);
      if (found === null && derived.startsWith(prefix)) {
        found = { counter, derivedKey: derived };
      }
    }
  }

  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => lane(first + i * step)));
  return found;
}

function inWorkers(parameters, signal) {
  return new Promise((resolve, reject) => {
    const workers = [];
    let left = WORKERS;
    const finish = (error, found) => {
      workers.forEach((worker) => worker.terminate());
      workers.length = 0;
      if (error) {
        reject(error);
      } else {
        resolve(found);
      }
    };
    if (signal) {
      signal.addEventListener("abort", () => finish(new DOMException("aborted", "AbortError")));
    }
    for (let index = 0; index < WORKERS; index += 1) {
      const worker = new Worker(new URL(import.meta.url), { type: "module" });
      worker.onmessage = (event) => {
        if (event.data && event.data.found) {
          finish(null, event.data.found);
        } else if ((left -= 1) === 0) {
          finish(null, null);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(new Error("worker failed"));
      };
      workers.push(worker);
      worker.postMessage({ parameters, first: index, step: WORKERS });
    }
  });
}

/* Resolves with the payload the server verifies (base64 of the challenge and its solution),
 * or rejects when `signal` aborts, WebCrypto is missing, or no counter fits. */
export async function solve(challenge, { signal } = {}) {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new Error("WebCrypto is not available");
  }
  const parameters = challenge.parameters;
  const started = performance.now();
  let found;
  try {
    found = await inWorkers(parameters, signal);
  } catch (error) {
    if (signal && signal.aborted) {
      throw error;
    }
    // No module workers here: the page's own thread.
    found = await search(parameters, 0, 1, () => Boolean(signal && signal.aborted));
  }
  if (!found) {
    throw new Error("no solution");
  }
  const solution = { ...found, time: Math.round(performance.now() - started) };
  return btoa(JSON.stringify({ challenge, solution }));
}

/* What a client keeps of its challenges: by purpose ("start", "leave_message"), the promise of
 * each one's solution, solved as soon as it is given, each good once. */
export class Proofs {
  constructor() {
    this.solving = {};
    this.solved = {};
  }

  prepare(challenge) {
    const data = (challenge.parameters && challenge.parameters.data) || {};
    const solving = solve(challenge);
    this.solving[data.purpose] = solving;
    solving.then(
      () => { this.solved[data.purpose] = solving; },
      () => {
        if (this.solving[data.purpose] === solving) {
          this.solving[data.purpose] = null; // the server's refusal brings another
        }
      },
    );
    return solving;
  }

  /* Whether a solution for `purpose` is at hand now. */
  ready(purpose) {
    return Boolean(this.solving[purpose]) && this.solved[purpose] === this.solving[purpose];
  }

  /* The promise of a solution for `purpose`, taken (or of "" when there is none: the server
   * then answers with a challenge). */
  take(purpose) {
    const solving = this.solving[purpose];
    this.solving[purpose] = null;
    return solving ? solving.catch(() => "") : Promise.resolve("");
  }
}

// Loaded as a worker by `solve`: search the counters it is given, answer once.
if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope) {
  globalThis.onmessage = async (event) => {
    const { parameters, first, step } = event.data;
    const found = await search(parameters, first, step, () => false);
    globalThis.postMessage({ found });
  };
}
