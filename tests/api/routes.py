"""Every API route, read from the URL configuration, so new routes cannot escape the matrix."""
import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "v1:desk-detail"
    template: str  # e.g. "/api/v1/desks/{id}"
    methods: tuple[str, ...]  # HTTP methods the view implements (besides OPTIONS/HEAD)


def _clean(fragment: str) -> str:
    fragment = fragment.lstrip("^").rstrip("$").replace("\\.", ".")
    fragment = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", fragment)  # regex routes (routers)
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", fragment)  # path() converters


def _methods(callback) -> tuple[str, ...]:
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    actions = getattr(callback, "actions", None)
    if actions:
        return tuple(sorted(m.upper() for m in actions if m not in ("head", "options")))
    if cls is None:
        return ("GET",)
    return tuple(sorted(m.upper() for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)))


def api_routes(prefix: str = "/api/v1/") -> list[Route]:
    routes = []

    def walk(patterns, path, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
                walk(p.url_patterns, path + _clean(str(p.pattern)), ns)
            elif isinstance(p, URLPattern):
                full = "/" + path + _clean(str(p.pattern))
                if full.startswith(prefix) and p.name:
                    routes.append(Route(f"{namespace}:{p.name}", full, _methods(p.callback)))

    walk(get_resolver().url_patterns, "", "")
    return routes
