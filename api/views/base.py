"""What every resource view shares: UUID lookups and a start from a `*_visible_to` query."""
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, viewsets

UUID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class VisibleReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and detail over exactly what `visible_to(principal)` returns; anything else is a 404."""

    lookup_field = "uuid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_REGEX
    visible_to = None  # a function principal -> QuerySet, from the domain package

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return self.get_serializer_class().Meta.model.objects.none()
        return type(self).visible_to(self.request.user)


def the_noun(noun: str) -> str:
    from .preconditions import the_noun as noun_with_article

    return noun_with_article(noun)


def get_workable(view, visible, workable, *, noun: str, **lookup):
    """The record behind a write: one the caller may not even read is a 404 (its existence does not
    leak); one it may read but not change (a privacy officer, say) is a 403."""
    from django.shortcuts import get_object_or_404

    record = get_object_or_404(visible, **lookup)
    if not workable.filter(pk=record.pk).exists():
        view.permission_denied(view.request, message=_("You may read %(noun)s but not change it.") % {
            "noun": the_noun(noun)})
    return record
