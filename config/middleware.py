"""Security headers: Content-Security-Policy (django-csp) and Permissions-Policy.

The site's own pages get the strict policy of ``settings.CONTENT_SECURITY_POLICY``: scripts,
styles, fonts, images and requests only from this origin, no inline script or style (the
templates have none: keep it so), frames only for the two video players a topic page may embed
after a click. Wagtail's admin (``/admin/``) still renders inline scripts (inline panels, date
pickers) and inline styles, so it gets ``ADMIN_CONTENT_SECURITY_POLICY``, which allows those
for the admin alone; everything else (origins, objects, base, form targets) stays as strict.
"""

from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the relaxed admin policy for paths under ``/admin/``."""

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.admin_prefix):
            admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
            if admin and parts.config is None:
                return PolicyParts(admin["DIRECTIVES"], parts.update, parts.replace, parts.nonce)
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY`` (``{feature: [allowed origins]}``) on every response:
    an empty list switches a browser feature off for the page and every frame in it."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
