"""Published results of the meetings (news for the public)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from meetings import queries, services
from meetings.forms import NewsForm
from meetings.views.meetings import MeetingMixin, field_error


def news_crumb():
    return (reverse("meetings:news_list"), _("News of the office"))


class NewsListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    permission_required = "meetings.view_news"
    template_name = "meetings/news_list.html"
    context_object_name = "news"
    paginate_by = 20

    def get_crumbs(self):
        return [(None, _("News of the office"))]

    def get_queryset(self):
        return queries.published_news()


class NewsDetailView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "meetings.view_news"
    template_name = "meetings/news_detail.html"

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(queries.published_news(), pk=self.kwargs["pk"])
        return self._item

    def get_crumbs(self):
        return [news_crumb(), (None, self.get_item().title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.get_item(), **kwargs)


class PublishNewsView(MeetingMixin, FormView):
    permission_required = "meetings.publish_news"
    template_name = "meetings/news_form.html"
    form_class = NewsForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Publish the results"))]

    def get_initial(self):
        meeting = self.get_meeting()
        return {"title": gettext("Results of the project office meeting of %(date)s")
                % {"date": meeting.local_date.strftime("%d.%m.%Y")}}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def form_valid(self, form):
        try:
            news = services.publish_news(meeting=self.get_meeting(), by=self.request.user,
                                         **form.cleaned_data)
        except DomainError as e:
            form.add_error(field_error(form, e), str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The results are published for everybody."))
        return redirect(news)
