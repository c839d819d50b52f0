"""Page-number pagination with camelCase keys and strict, documented bounds."""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ErrorDetail, ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """`page` (from 1) and `pageSize` (1 to 100). A page past the end is empty, not an error."""

    page_size_query_param = "pageSize"
    max_page_size = 100

    def _int_param(self, request, name, default, minimum, maximum=None):
        values = request.query_params.getlist(name)
        if not values:
            return default
        if len(values) > 1:
            raise ValidationError({name: [ErrorDetail(_("Give %(name)s once.") % {"name": name}, code="repeated")]})
        raw = values[0]
        try:
            value = int(raw)
        except ValueError:
            raise ValidationError({name: [ErrorDetail(_("%(name)s must be a whole number.")
                                                      % {"name": name}, code="invalid")]}) from None
        if value < minimum or (maximum is not None and value > maximum):
            if maximum:
                message = _("%(name)s must be from %(minimum)s to %(maximum)s.") % {
                    "name": name, "minimum": minimum, "maximum": maximum}
            else:
                message = _("%(name)s must be %(minimum)s or more.") % {"name": name, "minimum": minimum}
            raise ValidationError({name: [ErrorDetail(message, code="out_of_range")]})
        return value

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self._int_param(request, self.page_size_query_param, self.page_size, 1, self.max_page_size)
        number = self._int_param(request, self.page_query_param, 1, 1)
        paginator = self.django_paginator_class(queryset, size)
        if isinstance(paginator, CountingPaginator):
            self.page = paginator.page(number)
        elif number <= max(paginator.num_pages, 1):
            self.page = paginator.page(number)
        else:
            self.page = Page([], number, paginator)
        return list(self.page)

    def get_previous_link(self):
        paginator = self.page.paginator
        if self.page.number > max(paginator.num_pages, 1):  # past the end: back to the last page
            from rest_framework.utils.urls import replace_query_param

            url = self.request.build_absolute_uri()
            return replace_query_param(url, self.page_query_param, max(paginator.num_pages, 1))
        return super().get_previous_link()

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_query_param:
                param["schema"] = {"type": "integer", "minimum": 1}
            elif param["name"] == self.page_size_query_param:
                param["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return params


MAX_OFFSET = 2**62


class CountingPaginator(Paginator):
    """A page in two cheap queries where a list's filter is the costly part (the clients a desk may
    see, perhaps searched by name): first the page's ids with the total (`COUNT(*) OVER ()`) in one
    narrow query, which the indexes answer without reading whole rows; then those rows alone, by
    primary key, with their related records. The filter runs once, not once for the count and again
    for the page. A page past the end is empty (its count is then a query of its own).

    With `count_cache_key` set (by `CountingPageNumberPagination`) the exact count of the same
    caller's same filter is kept for `LIST_COUNT_CACHE_SECONDS`: the next pages (and the same page
    again) then read only their 25 ids, which the name index answers without counting the whole set,
    from `probe_queryset` when the view gives one (the same rows in a form the planner pages cheaply)."""

    count_cache_key: str | None = None
    probe_queryset = None  # a callable giving the same rows in a form cheaper for one page (the count known)

    def page(self, number):
        qs = self.object_list
        if qs.query.distinct or qs.query.combinator:
            return super().page(number)  # the window would count rows before DISTINCT; a union takes no annotation
        bottom = (number - 1) * self.per_page
        key, ttl = self.count_cache_key, settings.LIST_COUNT_CACHE_SECONDS
        known = cache.get(key) if key and ttl else None
        if bottom + self.per_page > MAX_OFFSET:  # past any table's end, and past what OFFSET takes (a bigint)
            found = []
        elif known is not None:
            probe = self.probe_queryset() if self.probe_queryset else qs
            found = [(pk, known) for pk in probe.values_list("pk", flat=True)[bottom:bottom + self.per_page]]
        else:
            found = list(qs.values_list("pk").annotate(_page_total=Window(Count("pk")))[bottom:bottom + self.per_page])
        if known is not None:
            self.__dict__["count"] = known
        elif found:
            self.__dict__["count"] = found[0][1]  # Paginator.count is a cached_property
        elif number == 1:
            self.__dict__["count"] = 0
        if known is None and key and ttl and "count" in self.__dict__:
            cache.set(key, self.__dict__["count"], ttl)
        ids = [pk for pk, _ in found]
        rows = qs.model._base_manager.filter(pk__in=ids)  # the ids passed the filter: do not run it again
        rows.query.select_related = qs.query.select_related
        rows = {row.pk: row for row in rows.prefetch_related(*qs._prefetch_related_lookups)} if ids else {}
        return Page([rows[pk] for pk in ids], number, self)


class CountingPageNumberPagination(PageNumberPagination):
    """The same pages, counted in the page's query: for lists whose filter is the expensive part.
    The count is kept briefly per caller, access and filter (`CountingPaginator`)."""

    def django_paginator_class(self, queryset, size):
        """The paginator, told the count's cache key."""
        paginator = CountingPaginator(queryset, size)
        paginator.count_cache_key = count_cache_key(self.request)
        paginator.probe_queryset = getattr(self, "probe_queryset", None)
        return paginator


def count_cache_key(request) -> str:
    """Who asks (and with what access: a changed membership or role is another key), which list,
    which filter; not the page or its size."""
    from rwc.access import profile_for

    profile = profile_for(request.user)
    params = sorted((k, v) for k, values in request.query_params.lists() for v in values
                    if k not in ("page", "pageSize"))
    who = (getattr(request.user, "pk", None), getattr(request.user, "username", ""), sorted(profile.desk_ids),
           sorted((r, sorted(ids)) for r, ids in profile.region_roles.items()), profile.partner_organisation_id)
    digest = hashlib.sha256(repr((who, request.path, params)).encode()).hexdigest()
    return f"rwc:list-count:{digest}"
