from django.contrib import admin
from django.urls import include, path

from expertise import urls as expertise_urls
from initiatives import urls as initiatives_urls
from portfolio import urls as portfolio_urls
from reports.urls import report_patterns

handler500 = "project_office.views.server_error"

urlpatterns = [
    path("", include("reports.urls")),
    path("accounts/", include("accounts.urls")),
    path("network/", include("network.urls")),
    path("reports/", include(report_patterns)),
    # the card, the expertise and the portfolio share the prefix and the namespace of before the
    # apps were split (issue 20): every path and every ``initiatives:…`` name still works
    path("initiatives/", include((initiatives_urls.urlpatterns + expertise_urls.urlpatterns
                                  + portfolio_urls.urlpatterns, "initiatives"))),
    path("portfolio/", include(portfolio_urls.plan_patterns)),
    path("calls/", include("initiatives.calls.urls")),
    path("meetings/", include("meetings.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
