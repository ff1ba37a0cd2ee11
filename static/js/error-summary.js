/*
 * Error summaries, as the GOV.UK design system draws them: a box at the top of a form that
 * lists each problem as a link to its field, with a message at the field itself saying what to
 * do. The summary takes the focus when it appears, so that a screen reader reads it first and
 * a keyboard user starts from it; a link moves the focus to its field and shows the field's
 * label with it.
 *
 * Pages rendered by the server mark their summary with data-error-summary (the include
 * includes/error_summary.html); it is focused when the page loads. The chat panel fills its
 * own with show().
 */

/* Fill `summary` with `problems` ([{id, message}]: the field's id, what to do) and focus it. */
export function show(summary, problems) {
  var list = summary.querySelector("ul");
  list.textContent = "";
  problems.forEach(function (problem) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + problem.id;
    link.textContent = problem.message;
    item.appendChild(link);
    list.appendChild(item);
  });
  summary.hidden = false;
  summary.focus();
}

export function hide(summary) {
  summary.hidden = true;
  summary.querySelector("ul").textContent = "";
}

/* A link of a summary: to its field, with the field's label in view (a field's top edge alone
 * would hide its label above it). */
document.addEventListener("click", function (event) {
  var link = event.target.closest(".error-summary a[href^='#']");
  if (!link) {
    return;
  }
  var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) {
    return;
  }
  event.preventDefault();
  var label = document.querySelector("label[for='" + field.id + "']");
  (label || field).scrollIntoView();
  field.focus({ preventScroll: true });
});

var onLoad = document.querySelector("[data-error-summary]:not([hidden])");
if (onLoad) {
  onLoad.focus();
}
