"""The licences an image on this site may carry, with their canonical URLs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC0 = "cc0-1.0", _("CC0 1.0 (gemeinfrei gewidmet)")
    PDM = "pdm-1.0", _("Public Domain Mark 1.0 (gemeinfrei)")
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"
    ALL_RIGHTS_RESERVED = "arr", _("Alle Rechte vorbehalten")


LICENCE_URLS = {
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.PDM: "https://creativecommons.org/publicdomain/mark/1.0/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}

# Short names as they stand in a credit line (the choice labels explain more).
LICENCE_SHORT_NAMES = {
    Licence.CC0: "CC0 1.0",
    Licence.PDM: "Public Domain Mark 1.0",
}
