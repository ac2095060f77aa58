class CrumbsMixin:
    """Breadcrumbs for ``includes/breadcrumbs.html``: a list of (url or None, label)."""

    def get_crumbs(self):
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(crumbs=self.get_crumbs(), **kwargs)
