"""Optional TOTP two-factor authentication for staff (django-otp and its TOTP plugin).

A staff member turns it on at ``/account/two-factor/`` (``views.py``): the page shows the secret as text and
as an ``otpauth://`` address (and a QR code, served as an image so the page needs no inline content), and
a code from the app confirms it. From then on the log-in page asks for a code after the password
(``pending.py`` holds the half-finished log-in; the user is not logged in until the code is right), and
``middleware.py`` ends any session of that user that was not verified by a code — whichever way it began,
the Django admin's log-in page included.
"""
