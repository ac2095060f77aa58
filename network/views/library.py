"""The ideas library: methodical products, their files and their moderation."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import ORGANISATION_NAMES, FilterChoicesView, FormChoicesView
from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from network import library, queries
from network.filters import ProductFilter
from network.forms import FileForm, ProductForm, ReturnForm
from network.models import MethodicalProduct, Organisation, ProductFile
from network.queries import organisation_ids_of
from network.views.networks import attachment_response, refuse


def _library_crumb():
    return (reverse("network:library"), _("Ideas library"))


class IdsFirstPaginator(Paginator):
    """Reads a page in two steps inside one query: the ids of the page's rows (filtered, ordered
    and sliced without the joins), then those rows with their joins and snippets. Written as one
    query, PostgreSQL joined every match with its organisation and network before sorting them
    by rank to keep thirty: ≈ 1,000 joins for a common word at 10k initiatives."""

    def _get_page(self, object_list, number, paginator):
        ids = object_list.values("pk")
        rows = self.object_list.filter(pk__in=ids)
        return super()._get_page(rows, number, paginator)


class LibraryView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    """Виртуальная сетевая лаборатория идей: open without signing in."""

    permission_required = "network.view_library"
    filterset_class = ProductFilter
    template_name = "network/library.html"
    context_object_name = "products"
    paginate_by = 30
    paginator_class = IdsFirstPaginator

    def get_crumbs(self):
        return [(None, _("Ideas library"))]

    def get_queryset(self):
        return queries.library(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for product in context["products"]:
            product.snippet = queries.highlighted(getattr(product, "headline", ""))
            product.title_html = queries.highlighted(getattr(product, "title_headline", ""))
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class LibraryFilterChoicesView(FilterChoicesView):
    """Organisations and networks with products for the library's filters, as JSON, to whoever
    may see it."""

    permission_required = "network.view_library"
    filterset_class = ProductFilter
    search_fields = {"organisation": ORGANISATION_NAMES, "network": ("name",)}


class ProductChoicesView(FormChoicesView):
    """The organisations (those the person may write a product for) and the networks of the
    product's form, as one types."""

    permission_required = "network.add_product"
    search_fields = {"organisation": ORGANISATION_NAMES, "network": ("name",)}

    def get_form(self):
        return ProductForm(organisations=_product_organisations(self.request.user))


class ProductMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "network.view_product"

    def get_product(self):
        if not hasattr(self, "_product"):
            self._product = get_object_or_404(
                MethodicalProduct.objects.select_related("organisation", "network")
                .prefetch_related("authors"), pk=self.kwargs["pk"])
        return self._product

    def get_permission_object(self):
        return self.get_product()

    def get_crumbs(self):
        p = self.get_product()
        return [_library_crumb(), (p.get_absolute_url(), p.title)]


def _product_organisations(user):
    orgs = Organisation.objects.in_use().order_by("short_name")
    if user.has_perm("network.moderate_products"):
        return orgs
    return orgs.filter(pk__in=organisation_ids_of(user))


class ProductDetailView(ProductMixin, TemplateView):
    template_name = "network/product_detail.html"

    def get_crumbs(self):
        return [_library_crumb(), (None, self.get_product().title)]

    def get_context_data(self, **kwargs):
        product = self.get_product()
        return super().get_context_data(
            product=product, files=list(product.files.all()),
            projects=list(product.projects.only("pk", "title")) if self.request.user
            .is_authenticated else [],
            file_form=FileForm(), return_form=ReturnForm(), **kwargs,
        )


class ProductCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "network.add_product"
    template_name = "network/product_form.html"
    form_class = ProductForm

    def get_crumbs(self):
        return [_library_crumb(), (None, _("New methodical product"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": _product_organisations(self.request.user)}

    def form_valid(self, form):
        try:
            product = library.create_product(by=self.request.user, values=form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("The draft is saved. Attach the files and send it "
                                               "for moderation."))
        return redirect(product.get_absolute_url())


class ProductEditView(ProductMixin, FormView):
    permission_required = "network.change_product"
    template_name = "network/product_form.html"
    form_class = ProductForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Edit"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": _product_organisations(self.request.user)}

    def get_initial(self):
        p = self.get_product()
        return {"kind": p.kind, "title": p.title, "description": p.description,
                "authors_text": p.authors_text, "organisation": p.organisation_id,
                "network": p.network_id, "year": p.year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(product=self.get_product(), **kwargs)

    def form_valid(self, form):
        try:
            product = library.update_product(self.get_product(), by=self.request.user,
                                              values=form.cleaned_data)
        except DomainError as e:
            add_to_form(form, e)
            return self.form_invalid(form)
        messages.success(self.request, gettext("Saved."))
        return redirect(product.get_absolute_url())


class ProductFileAddView(ProductMixin, View):
    permission_required = "network.change_product"

    def post(self, request, pk):
        product = self.get_product()
        form = FileForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", [])))
        else:
            try:
                library.attach_product_file(product, by=request.user,
                                             upload=form.cleaned_data["file"])
                messages.success(request, gettext("The file is attached."))
            except DomainError as e:
                refuse(request, e)
        return redirect(product.get_absolute_url() + "#files")


class ProductFileDownloadView(PermissionRequiredMixin, View):
    permission_required = "network.view_product"

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(ProductFile.objects.select_related("product"),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_permission_object(self):
        return self.get_row().product

    def get(self, request, pk):
        return attachment_response(self.get_row())


class ProductActionView(ProductMixin, View):
    ACTIONS = {"submit": "network.change_product", "publish": "network.moderate_product",
               "return": "network.moderate_product"}

    def get_permission_required(self):
        if self.kwargs["action"] not in self.ACTIONS:
            raise Http404
        return (self.ACTIONS[self.kwargs["action"]],)

    def post(self, request, pk, action):
        product = self.get_product()
        try:
            if action == "submit":
                library.submit_product(product, by=request.user)
                messages.success(request, gettext("The product is sent for moderation."))
            elif action == "publish":
                library.publish_product(product, by=request.user)
                messages.success(request, gettext("The product is published in the library."))
            else:
                library.return_product(product, by=request.user,
                                        comment=request.POST.get("comment", ""))
                messages.success(request, gettext("The product is returned for revision."))
        except DomainError as e:
            refuse(request, e)
        return redirect(product.get_absolute_url())


class ModerationQueueView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "network.moderate_products"
    template_name = "network/moderation.html"

    def get_crumbs(self):
        return [_library_crumb(), (None, _("Moderation"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(products=queries.moderation_queue(), **kwargs)
