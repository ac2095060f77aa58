"""The second factor (django-otp): a TOTP device from an authenticator app (Яндекс Ключ, Google
Authenticator…) and ten one-time recovery codes (django-otp's static device).

Required of the office staff and the head, offered to experts and teams on the profile. After the
password a person with a confirmed device enters a code; a person who must have one and has none
enrols first. ``OTP_EXEMPT_DEMO`` (demo and tests only, refused in production) lets the demo's
accounts sign in with the password alone.
"""
