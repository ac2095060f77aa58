"""The rules of interaction of a network: the versions and the proposals to change them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.diff import word_diff
from accounts.errors import DomainError
from accounts.mixins import CrumbsMixin
from network import services
from network.enums import MemberStatus, RulesAdoption
from network.forms import CommentForm, RuleProposalForm, VoteForm
from network.models import RuleProposal
from network.views.networks import NetworkMixin, networks_crumb, refuse


class RulesView(NetworkMixin, TemplateView):
    """All versions of the rules, the current one, and a word-by-word comparison of two."""

    template_name = "network/rules.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Rules of interaction"))]

    def get_context_data(self, **kwargs):
        network = self.get_network()
        versions = list(network.rules_versions.order_by("-number"))
        by_number = {v.number: v for v in versions}

        def pick(name, default):
            try:
                return by_number.get(int(self.request.GET.get(name, "")), default)
            except ValueError:
                return default

        new = pick("b", versions[0] if versions else None)
        old = pick("a", next((v for v in versions if new and v.number < new.number), None))
        proposals = list(network.rule_proposals.select_related("proposer").order_by("-created_at"))
        return super().get_context_data(
            network=network, versions=versions, old=old, new=new,
            diff=word_diff(old.text if old else "", new.text) if new else "",
            proposals=proposals, **kwargs,
        )


class RulesVersionView(NetworkMixin, TemplateView):
    template_name = "network/rules_version.html"

    def get_crumbs(self):
        return [*super().get_crumbs(),
                (reverse("network:rules", kwargs={"slug": self.kwargs["slug"]}),
                 _("Rules of interaction")),
                (None, gettext("Version %(n)s") % {"n": self.kwargs["number"]})]

    def get_context_data(self, **kwargs):
        version = get_object_or_404(self.get_network().rules_versions.select_related("proposal"),
                                    number=self.kwargs["number"])
        return super().get_context_data(network=self.get_network(), version=version, **kwargs)


class ProposalCreateView(NetworkMixin, FormView):
    permission_required = "network.propose_rules"
    template_name = "network/proposal_form.html"
    form_class = RuleProposalForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Propose a change of the rules"))]

    def get_initial(self):
        current = services.current_rules(self.get_network())
        return {"text": current.text if current else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.get_network(), **kwargs)

    def form_valid(self, form):
        try:
            proposal = services.propose_rules(self.get_network(), by=self.request.user,
                                              **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The proposal is open for discussion."))
        return redirect(proposal.get_absolute_url())


class ProposalMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "network.view_proposal"

    def get_proposal(self):
        if not hasattr(self, "_proposal"):
            qs = RuleProposal.objects.select_related("network", "proposer")
            if "slug" in self.kwargs:
                qs = qs.filter(network__slug=self.kwargs["slug"])
            self._proposal = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._proposal

    def get_permission_object(self):
        return self.get_proposal()

    def get_crumbs(self):
        p = self.get_proposal()
        return [networks_crumb(), (p.network.get_absolute_url(), p.network.name),
                (reverse("network:rules", kwargs={"slug": p.network.slug}),
                 _("Rules of interaction")), (None, p.title)]


class ProposalDetailView(ProposalMixin, TemplateView):
    template_name = "network/proposal_detail.html"

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal()
        network = proposal.network
        current = services.current_rules(network)
        votes = list(proposal.votes.select_related("voter"))
        active = network.members.filter(status=MemberStatus.ACTIVE).count()
        mine = next((v for v in votes if v.voter_id == self.request.user.pk), None)
        return super().get_context_data(
            proposal=proposal, network=network,
            comments=list(proposal.comments.select_related("author")),
            votes=votes, votes_for=sum(v.choice == "for" for v in votes),
            votes_against=sum(v.choice == "against" for v in votes),
            votes_needed=services.votes_needed(network, active), my_vote=mine,
            by_vote=network.rules_adoption == RulesAdoption.VOTE,
            diff=word_diff(current.text if current else "", proposal.text),
            comment_form=CommentForm(), vote_form=VoteForm(initial={"choice": "for"}), **kwargs,
        )


class ProposalActionView(ProposalMixin, View):
    ACTIONS = {"comment": "network.discuss_proposal", "vote": "network.discuss_proposal",
               "adopt": "network.adopt_proposal", "reject": "network.adopt_proposal"}

    def get_permission_required(self):
        if self.kwargs["action"] not in self.ACTIONS:
            raise Http404
        return (self.ACTIONS[self.kwargs["action"]],)

    def post(self, request, pk, action):
        proposal = self.get_proposal()
        try:
            if action == "comment":
                services.comment_on_proposal(proposal, by=request.user,
                                             text=request.POST.get("text", ""))
            elif action == "vote":
                proposal = services.vote_on_proposal(proposal, by=request.user,
                                                     choice=request.POST.get("choice", ""))
                if proposal.status == "adopted":
                    messages.success(request, gettext("Enough votes: the rules are adopted."))
            elif action == "adopt":
                services.adopt_proposal(proposal, by=request.user)
                messages.success(request, gettext("The rules are adopted as a new version."))
            else:
                services.reject_proposal(proposal, by=request.user,
                                         comment=request.POST.get("comment", ""))
                messages.success(request, gettext("The proposal is rejected."))
        except DomainError as e:
            refuse(request, e)
        return redirect(proposal.get_absolute_url())
