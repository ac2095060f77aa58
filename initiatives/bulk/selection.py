"""The rows a person chose on the registry: ticked ids, or every row the registry's filter finds.

A selection travels between the pages as the same parameters: ``ids`` (repeated) or
``scope=filter`` with ``q``, the filter's querystring. Only the initiatives the person may see
are in it; ids of others are counted as refused."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.http import urlencode

from initiatives import queries
from initiatives.filters import InitiativeFilter

MAX_ROWS = 5000  # a selection bigger than this is refused: narrow the filter
FILTER = "filter"


@dataclass
class Selection:
    queryset: object  # the visible initiatives chosen
    ids: list = field(default_factory=list)  # the ticked ids ([] for «all by the filter»)
    scope: str = ""
    query: str = ""

    @property
    def by_filter(self):
        return self.scope == FILTER

    def hidden(self):
        """[(name, value)] of the hidden fields that carry the selection to the next page."""
        if self.by_filter:
            return [("scope", FILTER), ("q", self.query)]
        return [("ids", pk) for pk in self.ids]

    def querystring(self):
        return urlencode(self.hidden(), doseq=True)

    def requested(self):
        """How many rows the person asked for (ticked ids may include cards they cannot see)."""
        return len(self.ids) if not self.by_filter else None


def _ids(values):
    ids = []
    for value in values[:MAX_ROWS + 1]:
        try:
            pk = int(value)
        except (TypeError, ValueError):
            continue
        if 0 < pk < 2**31 and pk not in ids:
            ids.append(pk)
    return ids


def from_data(data, user):
    """The selection in ``data`` (a QueryDict of GET or POST)."""
    visible = queries.visible_initiatives(user)
    if data.get("scope") == FILTER:
        query = str(data.get("q", ""))[:4000]
        filterset = InitiativeFilter(QueryDict(query), queryset=visible, user=user)
        qs = filterset.qs if filterset.is_valid() else visible.none()
        return Selection(queryset=qs.order_by("pk"), scope=FILTER, query=query)
    ids = _ids(data.getlist("ids"))
    return Selection(queryset=visible.filter(pk__in=ids).order_by("pk"), ids=ids)
