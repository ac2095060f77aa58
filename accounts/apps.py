from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from accounts import checks, signals, sqlite  # noqa: F401
        from accounts.letters import builtin as letter_kinds

        letter_kinds.register_kinds()
