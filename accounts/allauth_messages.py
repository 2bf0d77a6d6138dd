"""Formal German ("Sie") for django-allauth's own strings: the one place where that is decided.

allauth ships an informal German catalogue ("Du hast noch kein Konto …"). The site addresses
everyone formally, so every allauth msgid that appears in the flows we use (login, sign-up, logout,
e-mail verification, password reset and change, e-mail management, reauthentication, the related
form and adapter errors, flash messages and e-mails) is listed below with ``gettext_noop``.
``makemessages`` extracts them into ``locale/de/LC_MESSAGES/django.po``, which carries the formal
translations; ``LOCALE_PATHS`` take precedence over allauth's catalogue, so ours win. In
``locale/en`` these English msgids translate to themselves.

The rule, so there is only one mechanism:

* Text that allauth renders from its own strings (Python messages and the templates we keep) is
  made formal here, through the catalogue. Nothing else in the project re-translates allauth.
* Templates we override for structure (``account/login.html``, ``account/signup.html``, the e-mail
  frame ``account/email/base_message.txt``, the layouts and form elements under
  ``templates/allauth/``) use German source strings like every other template of the site, so their
  old English msgids are not listed here.

When allauth is upgraded, compare this list with its catalogue (strings added or reworded) and
check the pages with ``tests/accounts/test_formal_german.py``. Nothing imports this module; it
exists for ``makemessages``.
"""

# Each msgid must match allauth's byte for byte, so long ones stay on one line.
# ruff: noqa: E501

from django.utils.translation import gettext_noop as _

ALLAUTH_MESSAGES = (
    # Form labels, validation errors and adapter messages (allauth/account/*.py)
    _("This account is currently inactive."),
    _("You cannot remove your primary email address."),
    _("This email address is already associated with this account."),
    _("The email address and/or password you specified are not correct."),
    _("A user is already registered with this email address."),
    _("Please type your current password."),
    _("Incorrect password."),
    _("Invalid or expired key."),
    _("Invalid login."),
    _("The password reset token was invalid."),
    _("You cannot add more than %d email addresses."),
    _("Too many failed login attempts. Try again later."),
    _("The email address is not assigned to any user account."),
    _("Your primary email address must be verified."),
    _("Please select only one."),
    _("The new value must be different from the current one."),
    _("Be patient, you are sending too many requests."),
    _("Email"),
    _("Email address"),
    _("Forgot your password?"),
    _("You must type the same password each time."),
    _("Password"),
    _("Remember Me"),
    _("Email (again)"),
    _("Email address confirmation"),
    _("Email (optional)"),
    _("You must type the same email each time."),
    _("Password (again)"),
    _("Current Password"),
    _("New Password"),
    _("New Password (again)"),
    # Flash messages (templates/account/messages/*.txt)
    _("Unable to confirm %(email)s because it is already confirmed by a different account."),
    _("You cannot remove your primary email address (%(email)s)."),
    _("Confirmation email sent to %(email)s."),
    _("You have confirmed %(email)s."),
    _("Removed email address %(email)s."),
    _("Successfully signed in as %(name)s."),
    _("You have signed out."),
    _("Password successfully changed."),
    _("Password successfully set."),
    _("Primary email address set."),
    # E-mail subjects and bodies (templates/account/email/*.txt)
    _("Password Reset"),
    _(
        "You are receiving this email because you or someone else tried to signup for an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    _("Account Already Exists"),
    _("You are receiving this mail because the following change was made to your account:"),
    _(
        "If you do not recognize this change then please take proper security precautions immediately. The change to your account originates from:\n\n- IP address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    _("Your email has been changed from %(from_email)s to %(to_email)s."),
    _("Email Changed"),
    _("Your email has been confirmed."),
    _("Email Confirmation"),
    _(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    _("To confirm this is correct, go to %(activate_url)s"),
    _("Please Confirm Your Email Address"),
    _("Email address %(deleted_email)s has been removed from your account."),
    _("Email Removed"),
    _("This mail can be safely ignored if you did not initiate this action."),
    _("Your password has been changed."),
    _("Password Changed"),
    _(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    _("Password Reset Email"),
    _("Your password has been reset."),
    _("Your password has been set."),
    _("Password Set"),
    _(
        "You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database."
    ),
    _("If it was you, you can sign up for an account using the link below."),
    _("Unknown Account"),
    # Pages: logout, verification, password reset/change, e-mail management, reauthentication
    _("Account Inactive"),
    _("This account is inactive."),
    _("Confirm"),
    _("Cancel"),
    _("Confirm Access"),
    _("Please reauthenticate to safeguard your account."),
    _("Alternative options"),
    _("Email Addresses"),
    _("The following email addresses are associated with your account:"),
    _("Verified"),
    _("Unverified"),
    _("Primary"),
    _("Make Primary"),
    _("Re-send Verification"),
    _("Remove"),
    _("Add Email Address"),
    _("Add Email"),
    _("Do you really want to remove the selected email address?"),
    _("Email Address"),
    _("Current email"),
    _("Changing to"),
    _("Your email address is still pending verification."),
    _("Cancel Change"),
    _("Change to"),
    _("Change Email"),
    _("Confirm Email Address"),
    _(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    _(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    _("Sign Out"),
    _("Are you sure you want to sign out?"),
    _("Change Password"),
    _(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    _("Reset My Password"),
    _("Please contact us if you have any trouble resetting your password."),
    _(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    _("Bad Token"),
    _(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    _("Your password is now changed."),
    _("Set Password"),
    _("Enter your password:"),
    _("Sign Up Closed"),
    _("We are sorry, but the sign up is currently closed."),
    _("Note"),
    _("You are already logged in as %(user_display)s."),
    _("Warning:"),
    _(
        "You currently do not have any email address set up. You should really add an email address so you can receive notifications, reset your password, etc."
    ),
    _("Verify Your Email Address"),
    _(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    _(
        "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. "
    ),
    _(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    _(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'
    ),
)
