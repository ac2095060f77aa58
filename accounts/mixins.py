class CrumbsMixin:
    """Breadcrumbs for ``includes/breadcrumbs.html``: a list of (url or None, label)."""

    def get_crumbs(self):
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(crumbs=self.get_crumbs(), **kwargs)


class ReadOnceMixin:
    """For a ``DetailView`` behind rules' ``PermissionRequiredMixin``: the permission check and
    the page both ask for the object, and it (with whatever its queryset prefetches) is read
    once, not twice."""

    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            self._object = super().get_object(queryset)
        return self._object
