from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings of the office")

    def ready(self):
        from accounts.personal_data import register_exporter
        from meetings.personal_data import export_meetings_data

        register_exporter(export_meetings_data)
        from meetings.letters import register_kinds

        register_kinds()
