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
        for choices in (MemberStatus, ProposalStatus, ProductStatus):
            register_values(choices)
            # the network's lines share codes with the initiative's states and the monitoring's
            # («submitted», «returned», «open»): labelled by the network's actions first
            register_values(choices, actions=NetworkAction)

        # the team grant of invitations (accounts.invitations.register_team_grant)
        import network.teams  # noqa: F401
        from accounts.personal_data import register_anonymiser, register_exporter
        from network.personal_data import anonymise_network_data, export_network_data

        register_exporter(export_network_data)
        register_anonymiser(anonymise_network_data)
