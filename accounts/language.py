"""The sign-in pages speak Dutch unless the browser asks for English (Accept-Language)."""
from functools import wraps

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

PAGE_LANGUAGES = ("nl", "en")
DEFAULT_PAGE_LANGUAGE = "nl"


def page_language(request) -> str:
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        base = code.split("-")[0].lower()
        if base in PAGE_LANGUAGES:
            return base
    return DEFAULT_PAGE_LANGUAGE


def in_page_language(view):
    """Run the view (and render its page) in the page language; say so in Content-Language."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = page_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["Content-Language"] = language
        response.setdefault("Vary", "Accept-Language")
        return response

    return wrapper
