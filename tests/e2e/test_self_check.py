"""The self-check in a real browser.

- Completed one question at a time (yes / no / not sure, and back once): the result says what
  the answers may mean, lists the questions answered "yes" or "not sure" with what a "yes" may
  mean, and the ways to get help (112, the chat, the hotline, the help directory) are there.
  Every request and socket of the browser context is recorded from the first navigation: after
  the page has loaded nothing at all goes out, no cookie is set and nothing is stored, and the
  URL never changes, so no answer travels or stays anywhere.
- axe-core finds nothing on a question and on the result, in Latvian and Russian (the first
  question is also checked in every language with the other page types).
- Without JavaScript the page lists every question with what a "yes" may mean, has nothing to
  submit, and offers the same ways to get help.
- Shift pressed three times leaves from the middle of the self-check.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

ANSWERS = ["yes", "no", "unsure", "no", "no", "no", "yes", "no", "no", "no", "no", "no"]

QUESTIONS = """
from django.utils import translation
from awareness.models import SelfCheckPage
page = SelfCheckPage.objects.live().get()
with translation.override(language):
    result = {
        "questions": [[q.question, q.yes_means] for q in page.questions.all()],
        "signs": page.result_signs, "unsure": page.result_unsure, "none": page.result_no_signs,
    }
"""


def self_check_url(e2e_site, language: str) -> str:
    return e2e_site.first("selfcheckpage")["urls"][language]


def answer_all(page, answers: list[str]) -> None:
    for answer in answers:
        page.locator(f"[data-self-check-app] [data-answer={answer}]").click()


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_complete_the_self_check_without_sending_anything(new_context, e2e_site, e2e_db, language):
    expected = e2e_db.run(QUESTIONS, language=language)
    questions = expected["questions"]
    answers = ANSWERS[: len(questions)]
    context = new_context()
    requests, sockets = [], []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    page.on("websocket", lambda socket: sockets.append(socket.url))
    url = e2e_site.url(self_check_url(e2e_site, language))
    page.goto(url, wait_until="networkidle")
    loaded = len(requests)

    app = page.locator("[data-self-check-app]")
    expect(app).to_be_visible()
    expect(page.locator("[data-self-check-all]")).to_be_hidden()
    prompt = app.locator("[data-prompt]")
    expect(prompt).to_have_text(questions[0][0])
    expect(app.locator("[data-back]")).to_be_hidden()
    # Answer the first two, go back once (the second question again), then go on to the end.
    answer_all(page, answers[:2])
    expect(prompt).to_have_text(questions[2][0])
    expect(prompt).to_be_focused()
    app.locator("[data-back]").click()
    expect(prompt).to_have_text(questions[1][0])
    expect(app.locator("[data-progress]")).to_contain_text(str(len(questions)))
    answer_all(page, answers[1:])

    result = app.locator("[data-step=result]")
    expect(result).to_be_visible()
    expect(result.locator("[data-result-heading]")).to_be_focused()
    expect(result.locator("[data-result=signs]")).to_have_text(expected["signs"])
    expect(result.locator("[data-result=unsure]")).to_be_hidden()
    expect(result.locator("[data-result=none]")).to_be_hidden()
    flagged = [n for n, answer in enumerate(answers) if answer in ("yes", "unsure")]
    items = result.locator("[data-answered-list] li")
    expect(items).to_have_count(len(flagged))
    for item, n in zip(items.all(), flagged, strict=True):
        expect(item.locator("[data-item-question]")).to_have_text(questions[n][0])
        expect(item.locator("[data-item-means]")).to_have_text(questions[n][1])
    help_section = page.locator("main section.get-help")
    expect(help_section.locator(f"a[href='tel:{e2e_site.emergency_number}']")).to_be_visible()
    expect(help_section.locator(f"a[href='{e2e_site.data['hotline_tel']}']")).to_be_visible()
    expect(help_section.locator("a[data-chat-open]")).to_be_visible()
    directory_url = e2e_site.first("helpdirectorypage")["urls"][language]
    expect(help_section.locator(f"a[href='{directory_url}']")).to_be_visible()

    # Start again: all "no" gives the plain "no signs" result.
    result.locator("[data-restart]").click()
    expect(prompt).to_have_text(questions[0][0])
    answer_all(page, ["no"] * len(questions))
    expect(result.locator("[data-result=none]")).to_have_text(expected["none"])
    expect(result.locator("[data-answered]")).to_be_hidden()
    page.wait_for_timeout(300)  # anything sent on the last click would have started by now

    after = requests[loaded:]
    assert not after, f"requests after the page loaded: {[(r.method, r.url) for r in after]}"
    for request in requests:
        assert request.method == "GET", (request.method, request.url)
        assert request.post_data is None, request.url
        for word in ("yes", "unsure", "answer"):
            assert word not in request.url.lower(), request.url
    assert not sockets, sockets
    assert page.url == url
    assert context.cookies() == []
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [
        0,
        0,
        "",
    ]


@pytest.mark.parametrize("language", ["lv", "ru"])
def test_question_and_result_have_no_axe_violations(page, axe, e2e_site, language):
    page.goto(self_check_url(e2e_site, language))
    app = page.locator("[data-self-check-app]")
    expect(app.locator("[data-prompt]")).not_to_be_empty()
    app.locator("[data-answer=unsure]").click()  # the second question, with "back"
    expect(app.locator("[data-back]")).to_be_visible()
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)

    while app.locator("[data-step=question]").is_visible():
        app.locator("[data-answer=yes]").click()
    expect(app.locator("[data-answered-list] li").first).to_be_visible()
    violations = axe_violations(axe, page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_without_javascript_every_question_and_nothing_to_submit(
    new_context, e2e_site, e2e_db, language
):
    expected = e2e_db.run(QUESTIONS, language=language)
    page = new_context(java_script_enabled=False).new_page()
    page.goto(self_check_url(e2e_site, language))

    expect(page.locator("[data-self-check-app]")).to_be_hidden()
    items = page.locator("[data-self-check-all] li[data-question]")
    expect(items).to_have_count(len(expected["questions"]))
    for item, (question, yes_means) in zip(items.all(), expected["questions"], strict=True):
        expect(item.locator("[data-question-text]")).to_be_visible()
        expect(item.locator("[data-question-text]")).to_have_text(question)
        expect(item.locator("[data-yes-means]")).to_have_text(yes_means)
    expect(page.locator("main form")).to_have_count(0)
    expect(page.locator("main input")).to_have_count(0)
    help_section = page.locator("main section.get-help")
    expect(help_section.locator(f"a[href='tel:{e2e_site.emergency_number}']")).to_be_visible()
    expect(help_section.locator("a[href='#contact']")).to_be_visible()
    expect(page.locator("[data-quick-exit]")).to_be_visible()


def test_shift_three_times_leaves_the_self_check(page, e2e_site):
    page.goto(self_check_url(e2e_site, "lv"))
    page.locator("[data-self-check-app] [data-answer=yes]").click()

    for _ in range(3):
        page.keyboard.press("Shift")

    expect(page).to_have_url(e2e_site.quick_exit_url)
