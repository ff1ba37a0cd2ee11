/*
 * The self-check (awareness SelfCheckPage): one question at a time, "yes / no / not sure", then
 * what the answers may mean. Vanilla JavaScript, no network, no storage.
 *
 * Privacy: the answers exist only in this script's memory. Nothing is sent (no fetch, no form,
 * no change to the URL), nothing is written to cookies, localStorage or sessionStorage, and
 * nothing is logged. Leaving or reloading the page forgets them.
 *
 * Without JavaScript the page lists every question with what a "yes" may mean; this script
 * reads that list, hides it and shows the questions one by one instead.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-self-check]");
  if (!root) {
    return;
  }
  var all = root.querySelector("[data-self-check-all]");
  var app = root.querySelector("[data-self-check-app]");
  var questions = Array.prototype.map.call(root.querySelectorAll("[data-question]"), function (item) {
    return {
      text: item.querySelector("[data-question-text]").textContent.trim(),
      yesMeans: item.querySelector("[data-yes-means]").textContent.trim()
    };
  });
  if (!all || !app || !questions.length) {
    return;
  }

  var questionStep = app.querySelector("[data-step=question]");
  var resultStep = app.querySelector("[data-step=result]");
  var progress = app.querySelector("[data-progress]");
  var prompt = app.querySelector("[data-prompt]");
  var back = app.querySelector("[data-back]");
  var answered = app.querySelector("[data-answered]");
  var answeredList = app.querySelector("[data-answered-list]");
  var itemTemplate = app.querySelector("[data-answered-item]");
  var labels = {
    yes: app.querySelector("[data-label-yes]").textContent,
    unsure: app.querySelector("[data-label-unsure]").textContent
  };

  var answers = [];
  var current = 0;

  function showQuestion(index, moveFocus) {
    current = index;
    resultStep.hidden = true;
    questionStep.hidden = false;
    progress.textContent = progress.getAttribute("data-template")
      .replace("{number}", String(index + 1))
      .replace("{total}", String(questions.length));
    prompt.textContent = questions[index].text;
    back.hidden = index === 0;
    if (moveFocus) {
      prompt.focus();
    }
  }

  function showResult() {
    var yes = 0;
    var unsure = 0;
    answeredList.textContent = "";
    answers.forEach(function (answer, index) {
      if (answer !== "yes" && answer !== "unsure") {
        return;
      }
      if (answer === "yes") {
        yes += 1;
      } else {
        unsure += 1;
      }
      var item = itemTemplate.content.firstElementChild.cloneNode(true);
      item.querySelector("[data-item-question]").textContent = questions[index].text;
      item.querySelector("[data-item-answer]").textContent = labels[answer];
      item.querySelector("[data-item-means]").textContent = questions[index].yesMeans;
      answeredList.appendChild(item);
    });
    var verdict = yes ? "signs" : (unsure ? "unsure" : "none");
    resultStep.querySelectorAll("[data-result]").forEach(function (node) {
      node.hidden = node.getAttribute("data-result") !== verdict;
    });
    answered.hidden = !(yes || unsure);
    questionStep.hidden = true;
    resultStep.hidden = false;
    resultStep.querySelector("[data-result-heading]").focus();
  }

  app.querySelectorAll("[data-answer]").forEach(function (button) {
    button.addEventListener("click", function () {
      answers[current] = button.getAttribute("data-answer");
      if (current + 1 < questions.length) {
        showQuestion(current + 1, true);
      } else {
        showResult();
      }
    });
  });
  back.addEventListener("click", function () {
    if (current > 0) {
      showQuestion(current - 1, true);
    }
  });
  app.querySelector("[data-restart]").addEventListener("click", function () {
    answers = [];
    showQuestion(0, true);
  });

  all.hidden = true;
  app.hidden = false;
  showQuestion(0, false);
})();
