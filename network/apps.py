from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Organisations and networks")

    def ready(self):
        from accounts.audit import register_actions, register_values
        from network.enums import (
            MembershipAction,
            MemberStatus,
            NetworkAction,
            ProductStatus,
            ProposalStatus,
        )

        register_actions(NetworkAction)
        register_actions(MembershipAction)
        register_values(MemberStatus)
        register_values(ProposalStatus)
        register_values(ProductStatus)

        # the team grant of invitations (accounts.invitations.register_team_grant)
        import network.teams  # noqa: F401
        from accounts.personal_data import register_anonymiser, register_exporter
        from network.personal_data import anonymise_network_data, export_network_data

        register_exporter(export_network_data)
        register_anonymiser(anonymise_network_data)
