"""Editors write and submit, Moderators approve: Wagtail's groups and its "Moderators approval"
workflow, exercised through the admin views as an editor and a moderator would use them."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState

import pytest

from awareness import models
from tests.awareness.admin_forms import (
    add_form_data,
    add_url,
    assert_refused,
    assert_sent_to_login,
    edit_form_data,
    edit_url,
)
from tests.awareness.factories import LANGUAGES, title_of
from tests.html import parse

pytestmark = pytest.mark.django_db

SUBMIT = {"action-submit": "action-submit"}
PUBLISH = {"action-publish": "action-publish"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def public_title(path: str) -> str:
    return parse(Client().get(path)).find("h1").get_text(strip=True)


def submit_change(editor, page, **changes) -> WorkflowState:
    client = signed_in(editor)
    response = client.post(edit_url(page), edit_form_data(client, page, **changes, **SUBMIT))
    assert response.status_code == 302
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )


def workflow_action_url(page, action: str, workflow_state: WorkflowState) -> str:
    task_state = workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


# --- The groups and the workflow exist ------------------------------------------------------


def test_editors_may_edit_and_submit_but_not_publish(tree, editor):
    for page in (tree.campaign_index, tree.campaign, tree.home):
        permissions = page.permissions_for_user(editor)
        assert permissions.can_edit()
        assert permissions.can_submit_for_moderation()
        assert not permissions.can_publish()
    assert tree.campaign_index.permissions_for_user(editor).can_add_subpage()


def test_moderators_may_publish(tree, moderator):
    for page in (tree.campaign_index, tree.campaign, tree.home):
        permissions = page.permissions_for_user(moderator)
        assert permissions.can_edit()
        assert permissions.can_publish()


def test_every_page_goes_through_the_moderators_approval_workflow(tree):
    root = Page.get_first_root_node()
    workflow = root.get_workflow()

    assert workflow is not None and workflow.active
    assert workflow.name == "Moderators approval"
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1
    assert isinstance(tasks[0], GroupApprovalTask)
    assert set(tasks[0].groups.values_list("name", flat=True)) == {"Moderators"}
    for name in ("home", "campaign", "article", "help", "safety"):
        assert tree.page(name).get_workflow() == workflow


def test_groups_may_use_the_admin(editor, moderator):
    for user in (editor, moderator):
        assert user.has_perm("wagtailadmin.access_admin")
    assert {"Editors", "Moderators"} <= set(Group.objects.values_list("name", flat=True))


# --- Submitting and approving ---------------------------------------------------------------


def test_editor_submits_a_change_that_stays_off_the_public_site(tree, editor):
    workflow_state = submit_change(editor, tree.campaign, title_ru="Submitted change")

    assert workflow_state.requested_by == editor
    assert workflow_state.workflow.name == "Moderators approval"
    task_state = workflow_state.current_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert isinstance(task_state.task.specific, GroupApprovalTask)
    assert task_state.revision.as_object().title_ru == "Submitted change"
    # Still the published text for visitors.
    assert public_title(tree.path("campaign", "ru")) == title_of("tcp", "ru")


def test_editor_cannot_publish(tree, editor):
    client = signed_in(editor)
    data = edit_form_data(client, tree.campaign, title_en="Editor tried to publish", **PUBLISH)

    client.post(edit_url(tree.campaign), data)

    tree.campaign.refresh_from_db()
    assert tree.campaign.title_en == title_of("tcp", "en")
    assert public_title(tree.path("campaign", "en")) == title_of("tcp", "en")
    # What the editor wrote is kept as a draft, not lost.
    assert tree.campaign.get_latest_revision_as_object().title_en == "Editor tried to publish"


def test_editor_cannot_approve_their_own_submission(tree, editor):
    workflow_state = submit_change(editor, tree.campaign, title_en="Self-approved")

    response = signed_in(editor).post(
        workflow_action_url(tree.campaign, "approve", workflow_state), {"comment": ""}
    )

    assert_refused(response)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert public_title(tree.path("campaign", "en")) == title_of("tcp", "en")


def test_moderator_approves_and_the_change_goes_live(client, tree, editor, moderator):
    # A visitor has the page cached before the approval.
    assert client.get(tree.path("campaign", "ru"))["X-Cache"] == "miss"
    workflow_state = submit_change(editor, tree.campaign, title_ru="Approved change")

    response = signed_in(moderator).post(
        workflow_action_url(tree.campaign, "approve", workflow_state), {"comment": ""}
    )

    assert response.status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    task_state = TaskState.objects.get(workflow_state=workflow_state)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == moderator
    tree.campaign.refresh_from_db()
    assert tree.campaign.live
    assert tree.campaign.title_ru == "Approved change"
    assert public_title(tree.path("campaign", "ru")) == "Approved change"


def test_moderator_requests_changes(tree, editor, moderator):
    workflow_state = submit_change(editor, tree.campaign, title_en="Needs work")

    response = signed_in(moderator).post(
        workflow_action_url(tree.campaign, "reject", workflow_state), {"comment": "Not yet"}
    )

    assert response.status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert public_title(tree.path("campaign", "en")) == title_of("tcp", "en")


def test_workflow_action_permission_in_three_steps(client, tree, editor, moderator):
    workflow_state = submit_change(editor, tree.campaign, title_en="Three steps")
    url = workflow_action_url(tree.campaign, "approve", workflow_state)

    assert_sent_to_login(client.post(url, {"comment": ""}))

    assert_refused(signed_in(editor).post(url, {"comment": ""}))

    assert signed_in(moderator).post(url, {"comment": ""}).status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED


def test_new_page_by_an_editor_waits_for_approval(tree, editor, moderator):
    client = signed_in(editor)
    values = {f"title_{code}": f"Editor page {code}" for code in LANGUAGES}
    values.update({f"slug_{code}": f"editor-page-{code}" for code in LANGUAGES})
    data = add_form_data(client, models.HelpPage, tree.home, **values, **SUBMIT)

    assert client.post(add_url(models.HelpPage, tree.home), data).status_code == 302

    page = models.HelpPage.objects.get(slug_lv="editor-page-lv")
    assert not page.live
    assert Client().get("/en/editor-page-en/").status_code == 404
    workflow_state = page.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    signed_in(moderator).post(workflow_action_url(page, "approve", workflow_state), {"comment": ""})

    assert public_title("/en/editor-page-en/") == "Editor page en"
