"""Images in the admin: free kind with suggestions, licence and credit in listing and chooser,
the licence filter, the data for the credit-line preview (home/image_admin.py)."""

from django.urls import reverse
from django.utils import translation

from wagtail.models import Collection

import pytest

from home.licences import Licence
from home.models import CreditedImage

from ..factories import CreditedImageFactory, UserFactory
from .test_images import upload

SEED_CREDIT = (
    "SW-Foto © Kurt Schwarz | Datenpartner: Industriesalon Schöneweide e.V. | "
    "CC BY-NC-SA 4.0 | farbige Ecken ergänzt durch Xenia Kitaeva"
)


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def image(**kwargs):
    return CreditedImageFactory(collection=Collection.get_first_root_node(), **kwargs)


@pytest.mark.django_db
def test_the_seeds_credit_line_can_be_reproduced():
    assert image(kind="SW-Foto").credit_line == SEED_CREDIT


@pytest.mark.django_db
def test_suggested_kinds_are_translated_other_text_stays():
    photo, aerial = image(kind="Foto"), image(kind="Luftbild")

    with translation.override("en"):
        assert photo.credit_line.startswith("Photo © Kurt Schwarz |")
        assert aerial.credit_line.startswith("Luftbild © Kurt Schwarz |")


@pytest.mark.django_db
def test_upload_with_a_kind_of_ones_own_is_saved(admin_client):
    response = upload(admin_client, kind="SW-Foto", licence=Licence.CC_BY, creator="K. Schwarz")

    assert response.status_code == 302
    assert CreditedImage.objects.get().kind == "SW-Foto"


@pytest.mark.django_db
def test_image_form_suggests_kinds_and_carries_the_preview_data(admin_client):
    picture = image()

    html = admin_client.get(reverse("wagtailimages:edit", args=[picture.pk])).content.decode()

    assert 'list="id_kind-vorschlaege"' in html
    assert '<datalist id="id_kind-vorschlaege"><option value="SW-Foto"></option>' in html
    assert "data-credit-names=" in html
    assert "&quot;cc-by-nc-sa-4.0&quot;: &quot;CC BY-NC-SA 4.0&quot;" in html
    assert "js/admin/credit-preview.js" in html


@pytest.mark.django_db
def test_listing_filters_by_licence_and_shows_licence_and_credit(admin_client):
    by = image(title="Offenes Bild", licence=Licence.CC_BY)
    image(title="Geschütztes Bild", licence=Licence.ALL_RIGHTS_RESERVED, rights_holder="Archiv")

    grid = admin_client.get(reverse("wagtailimages:index"), {"licence": Licence.CC_BY})
    listed = admin_client.get(
        reverse("wagtailimages:index"), {"licence": Licence.CC_BY, "layout": "list"}
    )

    assert [img.pk for img in grid.context["images"]] == [by.pk]
    assert '<span class="credited-image-licence">CC BY 4.0</span>' in grid.content.decode()
    assert by.credit_line in listed.content.decode()
    assert "Geschütztes Bild" not in listed.content.decode()


@pytest.mark.django_db
def test_chooser_shows_licence_and_credit(admin_client):
    picture = image(title="Schaudepot", kind="SW-Foto")

    html = admin_client.get(reverse("wagtailimages_chooser:choose")).json()["html"]

    assert f'title="{SEED_CREDIT}">CC BY-NC-SA 4.0</p>' in html
    assert picture.title in html
