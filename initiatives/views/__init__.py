"""The card's pages, by topic (as pretalx's ``orga/views/``). The names are re-exported here
for the URLs and for the pages of the higher apps built on the card's mixin."""

from initiatives.views.base import (  # noqa: F401
    DraftContextMixin,
    InitiativeMixin,
    services_max_mb,
)
from initiatives.views.card import (  # noqa: F401
    ForceTransitionView,
    InitiativeDetailView,
    InitiativeHistoryView,
    TransitionView,
    VersionCompareView,
)
from initiatives.views.drafts import (  # noqa: F401
    InitiativeAutosaveView,
    InitiativeCreateChoicesView,
    InitiativeCreateView,
    InitiativeEditView,
)
from initiatives.views.registry import (  # noqa: F401
    InitiativeExportView,
    InitiativeFilterChoicesView,
    InitiativeListView,
)
from initiatives.views.rows import (  # noqa: F401
    AttachmentAddView,
    AttachmentDeleteView,
    AttachmentDownloadView,
    IndicatorAddView,
    IndicatorDeleteView,
    TeamMemberAddView,
    TeamMemberDeleteView,
)
