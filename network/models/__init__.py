from .agreement import RuleComment, RuleProposal, RulesVersion, RuleVote
from .event import EventFeedback, EventMaterial, EventOrganiser, EventRegistration, NetworkEvent
from .health import NetworkHealth
from .library import MethodicalProduct, ProductFile
from .network import Network, NetworkMember, NetworkOrganisation
from .organisation import Membership, Organisation

__all__ = [
    "EventFeedback",
    "EventMaterial",
    "EventOrganiser",
    "EventRegistration",
    "Membership",
    "MethodicalProduct",
    "Network",
    "NetworkEvent",
    "NetworkHealth",
    "NetworkMember",
    "NetworkOrganisation",
    "Organisation",
    "ProductFile",
    "RuleComment",
    "RuleProposal",
    "RuleVote",
    "RulesVersion",
]
