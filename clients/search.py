"""Searching the clients one may see, shared by the API's list filter and the web client's search."""
from . import normalise


def filter_by_name(queryset, value: str):
    """Every word of `value` in the folded name (case and accents do not matter); nothing searchable: no match."""
    folded = normalise.fold(value)
    if not folded:  # only punctuation, or a script we do not fold
        return queryset.none()
    for word in folded.split():
        queryset = queryset.filter(name_search__contains=word)
    return queryset
