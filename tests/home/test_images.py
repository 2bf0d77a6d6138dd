import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from home.licences import Licence

from ..factories import CreditedImageFactory, UserFactory


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_credit_line_matches_the_house_format():
    image = CreditedImageFactory()

    assert image.credit_line == (
        "Foto © Kurt Schwarz | Datenpartner: Industriesalon Schöneweide e.V. | "
        "CC BY-NC-SA 4.0 | farbige Ecken ergänzt durch Xenia Kitaeva"
    )


@pytest.mark.django_db
def test_credit_parts_link_only_the_licence():
    image = CreditedImageFactory()

    links = [url for _text, url in image.credit_parts() if url]

    assert links == ["https://creativecommons.org/licenses/by-nc-sa/4.0/"]


@pytest.mark.django_db
def test_all_rights_reserved_without_holder_is_invalid():
    image = CreditedImageFactory.build(licence=Licence.ALL_RIGHTS_RESERVED, rights_holder=" ")

    with pytest.raises(ValidationError) as error:
        image.clean()

    assert "rights_holder" in error.value.message_dict


@pytest.mark.django_db
def test_all_rights_reserved_has_no_licence_link():
    image = CreditedImageFactory(licence=Licence.ALL_RIGHTS_RESERVED, rights_holder="Archiv X")

    assert image.credit_parts()[-2] == ("Alle Rechte vorbehalten", "")


@pytest.fixture
def admin_client_de(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def upload(client, **fields):
    data = {
        "title": "Upload",
        "file": SimpleUploadedFile("bild.png", png_bytes(), content_type="image/png"),
        "kind": "photo",
        "creator": "",
        "rights_holder": "",
        "licence": "",
        "source_url": "",
        "modification_note": "",
        "collection": 1,
        **fields,
    }
    return client.post(reverse("wagtailimages:add"), data, HTTP_ACCEPT_LANGUAGE="de")


@pytest.mark.django_db
def test_admin_upload_without_licence_is_refused_and_keeps_input(admin_client_de):
    response = upload(admin_client_de, title="Schaudepot", creator="Kurt Schwarz")

    assert response.status_code == 200
    assert response.context["form"].errors["licence"] == ["Dieses Feld muss ausgefüllt werden."]
    assert response.context["form"]["creator"].value() == "Kurt Schwarz"
    from home.models import CreditedImage

    assert CreditedImage.objects.count() == 0


@pytest.mark.django_db
def test_admin_upload_with_licence_is_saved(admin_client_de):
    response = upload(admin_client_de, licence=Licence.CC_BY)

    assert response.status_code == 302
    from home.models import CreditedImage

    assert CreditedImage.objects.get().licence == Licence.CC_BY


@pytest.mark.django_db
def test_admin_upload_of_a_non_image_is_refused_with_a_message(admin_client_de):
    not_an_image = SimpleUploadedFile(
        "bild.png", b"%PDF-1.4 not an image", content_type="image/png"
    )

    response = upload(admin_client_de, file=not_an_image, licence=Licence.CC_BY)

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    assert "Bild" in errors[0] or "image" in errors[0].lower()


@pytest.mark.django_db
def test_admin_upload_of_too_many_pixels_is_refused_in_german(admin_client_de):
    """Issue 11, L6: a 15 kB 1-bit PNG of 11 000 × 11 000 pixels was accepted, and its
    thumbnail took 600 MB of memory."""
    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, format="PNG")
    huge = SimpleUploadedFile("gross.png", buffer.getvalue(), content_type="image/png")

    response = upload(admin_client_de, file=huge, licence=Licence.CC_BY)

    from home.models import CreditedImage

    assert response.status_code == 200
    assert CreditedImage.objects.count() == 0
    assert response.context["form"].errors["file"] == [
        "Dieses Bild hat zu viele Pixel (121000000). Erlaubt sind höchstens 40000000 Pixel; "
        "bitte verkleinern Sie es vor dem Hochladen."
    ]
