"""The editors' side in a real browser: approving a submitted topic page from its edit view."""

import time
import uuid

from wagtail import hooks

from .test_board import login


def make_member(email, group_name, display_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(
        email=email, password="demo-browsertest", display_name=display_name, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def slow_form_posts(request, page):
    """Makes the editor's real (HTML) form posts slow, as a busy server's are.

    The autosave of the edit view fires about a second after the workflow button adds its
    hidden inputs; a slow approval gives it the time it needs to race the approval.
    """
    if request.method == "POST" and request.accepts("text/html"):
        time.sleep(4)


def test_chief_editor_approves_from_the_edit_view_and_the_page_goes_live_once(site):
    from home.roles import CHIEF_EDITORS, EDITORS
    from wiki.models import TopicIndexPage, TopicPage

    suffix = uuid.uuid4().hex[:8]
    rita = make_member(f"rita-{suffix}@example.org", EDITORS, "Rita Browsertest")
    make_member(f"charlotte-{suffix}@example.org", CHIEF_EDITORS, "Charlotte Browsertest")
    index = TopicIndexPage.objects.get(locale__language_code="de")
    page = TopicPage(
        title=f"Werkstattbericht {suffix}",
        slug=f"neues-thema-{suffix}",
        summary="Eine neue Themenseite, noch nie veröffentlicht.",
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision(user=rita)
    page.get_workflow().start(page, rita)

    login(site, f"charlotte-{suffix}@example.org", "demo-browsertest")
    site.goto(f"/admin/pages/{page.pk}/edit/")
    # Wagtail's change tracking takes its first snapshot of the form two seconds after load.
    site.page.wait_for_timeout(2500)
    with hooks.register_temporarily("before_edit_page", slow_form_posts):
        site.page.get_by_role("button", name="Mehr Aktionen").click()
        site.page.get_by_role("button", name="Freigeben und Veröffentlichen").click()
        site.page.wait_for_url("**/admin/pages/**", timeout=20000)
        site.page.wait_for_load_state("networkidle")
        # Give a late autosave the time to arrive (the approval took four seconds).
        site.page.wait_for_timeout(2000)

    page = TopicPage.objects.get(pk=page.pk)
    assert page.live
    assert [revision.user_id for revision in page.revisions.all()] == [rita.pk]
    assert page.live_revision_id == page.latest_revision_id
    assert page.current_workflow_state is None
    assert [change.page.pk for change in index.recent_changes()].count(page.pk) == 1
    response = site.goto(page.url)
    assert response.status == 200
    assert "Rita Browsertest" in site.page.locator("main").inner_text()


def test_image_form_previews_the_credit_line_while_typing(site):
    from wagtail.models import Collection

    from home.licences import Licence
    from home.models import CreditedImage
    from home.roles import EDITORS

    suffix = uuid.uuid4().hex[:8]
    make_member(f"bildredaktion-{suffix}@example.org", EDITORS, "Bildredaktion Browsertest")
    picture = CreditedImage.objects.filter(collection=Collection.get_first_root_node()).first()
    assert picture is not None, "the demo site has images"

    login(site, f"bildredaktion-{suffix}@example.org", "demo-browsertest")
    site.goto(f"/admin/images/{picture.pk}/")
    site.page.fill("#id_kind", "SW-Foto")
    site.page.fill("#id_creator", "Kurt Schwarz")
    site.page.fill("#id_rights_holder", "Industriesalon Schöneweide e.V.")
    site.page.select_option("#id_licence", Licence.CC_BY_NC_SA)
    site.page.fill("#id_modification_note", "farbige Ecken ergänzt durch Xenia Kitaeva")

    preview = site.page.locator("#id_licence-vorschau .credit-preview__line")
    assert preview.inner_text() == (
        "SW-Foto © Kurt Schwarz | Datenpartner: Industriesalon Schöneweide e.V. | "
        "CC BY-NC-SA 4.0 | farbige Ecken ergänzt durch Xenia Kitaeva"
    )
