"""Page-number pagination with camelCase keys and strict, documented bounds."""
from django.core.paginator import Page
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
            raise ValidationError({name: [ErrorDetail(f"Give {name} once.", code="repeated")]})
        raw = values[0]
        try:
            value = int(raw)
        except ValueError:
            raise ValidationError({name: [ErrorDetail(f"{name} must be a whole number.", code="invalid")]}) from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"from {minimum} to {maximum}" if maximum else f"{minimum} or more"
            raise ValidationError({name: [ErrorDetail(f"{name} must be {bounds}.", code="out_of_range")]})
        return value

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self._int_param(request, self.page_size_query_param, self.page_size, 1, self.max_page_size)
        number = self._int_param(request, self.page_query_param, 1, 1)
        paginator = self.django_paginator_class(queryset, size)
        if number <= max(paginator.num_pages, 1):
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
