/*
 * Forms that ask for a proof of work (lantern/challenge.py's ChallengeField: the withdrawal
 * form, the staff sign-in after failed sign-ins). An ES module, no build step; the field's
 * own markup loads it (a module runs once however many fields a page has).
 *
 * The field is a hidden input whose `data-challenge` holds the server's challenge. As soon as
 * the page has loaded, this solves it with proof-of-work.js and puts the payload in the input:
 * no puzzle, nothing for the person to do. If they submit before it is solved, the submit
 * waits, the form's status line (a polite live region) says so, and the form goes as soon as
 * the solution is there. If it cannot be solved here (no WebCrypto), the form goes without
 * it and the server's answer says what to do.
 */
import { solve } from "./proof-of-work.js";

function enhance(input) {
  const form = input.form;
  if (!form || input.dataset.challengeStarted) {
    return;
  }
  input.dataset.challengeStarted = "true";
  const status = form.querySelector("[data-challenge-status]");
  let settled = false;
  let waiting = false;

  let solving;
  try {
    solving = solve(JSON.parse(input.dataset.challenge)).then((payload) => {
      input.value = payload;
    });
  } catch (error) {
    solving = Promise.reject(error);
  }
  solving = solving.catch(() => {}).finally(() => {
    settled = true;
  });

  form.addEventListener("submit", (event) => {
    if (settled) {
      return;
    }
    event.preventDefault();
    if (waiting) {
      return;
    }
    waiting = true;
    if (status) {
      status.textContent = input.dataset.challengeWaiting || "";
    }
    const submitter = event.submitter;
    solving.then(() => {
      if (status) {
        status.textContent = "";
      }
      if (!form.requestSubmit) {
        form.submit();
        return;
      }
      try {
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      } catch {
        form.requestSubmit();
      }
    });
  });
}

document.querySelectorAll("input[data-challenge]").forEach(enhance);
