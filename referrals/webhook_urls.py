"""Which webhook addresses the work centre will call, checked when one is registered and again at
every delivery.

One partner's endpoint must neither make the work centre call into its own network (a private,
loopback, link-local, multicast or reserved address) nor be able to break the worker that delivers
for everybody. So an address is parsed strictly, after RFC 3986, with nothing left to the leniency
of an HTTP library: an absolute `https` URL (`http` too when `WEBHOOK_ALLOW_INSECURE`) with a DNS
host name or an IP literal, an optional port from 1 to 65535, a path and a query, and nothing else:
no whitespace or control characters anywhere (not even at the ends), no non-ASCII (give the
punycode, `xn--...`), no user name or password, no fragment, at most 500 characters.

At registration only a literal IP address can be judged; a name is resolved at delivery time, and
every address it resolves to must be public. The delivery then connects to the address that was
checked (`webhook_http`), so a second lookup cannot land somewhere else (DNS rebinding).
`WEBHOOK_ALLOW_INSECURE` (local and test settings) admits http and non-public addresses, for a
receiver on 127.0.0.1; the syntax rules hold in every mode.
"""
import ipaddress
import re
import socket
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rwc.errors import RuleViolation

MAX_LENGTH = 500

_UNRESERVED_SUBDELIMS = r"A-Za-z0-9\-._~!$&'()*+,;="
_PCHAR = rf"(?:[{_UNRESERVED_SUBDELIMS}:@]|%[0-9A-Fa-f]{{2}})"
_PATH = re.compile(rf"(?:/{_PCHAR}*)*")
_QUERY = re.compile(rf"(?:{_PCHAR}|[/?])*")
_PORT = re.compile(r"[0-9]{1,5}")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


class WebhookUrlRefused(RuleViolation):
    """The address is not one the work centre will call; `code` says why."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail, field="url", code=code)


@dataclass(frozen=True)
class WebhookUrl:
    """A checked address: what to connect to and what to say when there."""

    scheme: str
    host: str  # a lower-case DNS name, or an IP address without brackets
    port: int
    target: str  # path and query, as sent in the request line
    url: str  # the whole address, scheme and host in lower case

    @property
    def ip_literal(self) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None


def parse_webhook_url(value) -> WebhookUrl:
    """The address taken apart, or WebhookUrlRefused: the syntax rules and the scheme, no look-ups."""
    if not isinstance(value, str) or not value:
        raise WebhookUrlRefused("invalid_url", _("Give the endpoint's address, e.g. https://hooks.example.org/rwc."))
    if len(value) > MAX_LENGTH:
        raise WebhookUrlRefused("too_long", _("The address may be at most %(max_length)s characters long.")
                                % {"max_length": MAX_LENGTH})
    if any(not ("!" <= c <= "~") for c in value):  # printable ASCII only: no space, TAB, CR, LF, NUL, DEL, é
        raise WebhookUrlRefused("invalid_characters", _("The address may not contain spaces, control characters or "
                                  "non-ASCII characters (percent-encode them; give a host name in punycode)."))
    if "#" in value:
        raise WebhookUrlRefused("fragment", _("The address may not have a #fragment; it is never sent to a server."))
    scheme, sep, rest = value.partition("://")
    if not sep or not _SCHEME.fullmatch(scheme):
        raise WebhookUrlRefused("invalid_url", _("Give an absolute address, e.g. https://hooks.example.org/rwc."))
    scheme = scheme.lower()
    allowed = ("https", "http") if settings.WEBHOOK_ALLOW_INSECURE else ("https",)
    if scheme not in allowed:
        raise WebhookUrlRefused("not_https", _("Give an https:// address.") if len(allowed) == 1
                                else _("Give an https:// (or, here, http://) address."))
    authority, slash, target = rest.partition("/")
    target = slash + target
    authority, mark, query = authority.partition("?")  # "https://host?x": a query and no path
    target = mark + query + target
    if "@" in authority:
        raise WebhookUrlRefused("credentials", _("Put no credentials in the address; we sign every delivery."))
    host, explicit_port = _split_host_port(authority)
    path, _question, query = target.partition("?")
    if not _PATH.fullmatch(path) or not _QUERY.fullmatch(query):
        raise WebhookUrlRefused("invalid_url", _("The address's path or query has characters RFC 3986 does not allow "
                                  "there, or a %% not followed by two hex digits.") % {})
    shown_host = f"[{host}]" if ":" in host else host
    shown_port = f":{explicit_port}" if explicit_port else ""
    return WebhookUrl(scheme=scheme, host=host, port=explicit_port or (443 if scheme == "https" else 80),
                      target=target if target.startswith("/") else "/" + target,
                      url=f"{scheme}://{shown_host}{shown_port}{target}")


def _split_host_port(authority: str) -> tuple[str, int | None]:
    if authority.startswith("["):
        literal, bracket, after = authority[1:].partition("]")
        try:
            address = ipaddress.IPv6Address(literal) if bracket else None
        except ValueError:
            address = None
        if address is None or address.scope_id:
            raise WebhookUrlRefused("invalid_host", _("The address's host is not a valid IPv6 address in brackets."))
        host, port_text = str(address), after
        if port_text and not port_text.startswith(":"):
            raise WebhookUrlRefused("invalid_host", _("Only a :port may follow the host."))
        port_text = port_text[1:] if port_text else None
    else:
        host, colon, port_text = authority.partition(":")
        port_text = port_text if colon else None
        host = _clean_host(host)
    if port_text is None:
        return host, None
    if not _PORT.fullmatch(port_text) or not 1 <= int(port_text) <= 65535:
        raise WebhookUrlRefused("invalid_port", _("The port must be a number from 1 to 65535."))
    return host, int(port_text)


def _clean_host(host: str) -> str:
    """A DNS name (letters, digits, hyphens; the last label not numeric) or a dotted-quad IPv4 address.
    Forms a resolver would read as an address in disguise (`127.1`, `2130706433`, `0x7f.1`) are refused."""
    if not host:
        raise WebhookUrlRefused("invalid_host", _("The address has no host."))
    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        pass
    name = host.lower().removesuffix(".")
    labels = name.split(".")
    if (len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels)
            or not labels[-1][0].isalpha()):
        raise WebhookUrlRefused("invalid_host", _("The address's host is not a valid host name or IP address."))
    return name


def address_blocked(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Not a public unicast address: private, loopback, link-local, multicast, reserved, shared (CGNAT),
    unspecified, documentation; an IPv4 address carried in IPv6 (mapped, 6to4, NAT64) counts as itself."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in ipaddress.IPv6Network("64:ff9b::/96"):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and address_blocked(embedded):
            return True
    return (not address.is_global or address.is_multicast or address.is_private or address.is_reserved
            or address.is_loopback or address.is_link_local or address.is_unspecified)


def clean_webhook_url(value) -> str:
    """The address as it is stored (scheme and host in lower case), or WebhookUrlRefused. In secure mode a
    literal non-public IP address, or `localhost`, is refused now; names are judged at delivery time."""
    parsed = parse_webhook_url(value)
    if not settings.WEBHOOK_ALLOW_INSECURE:
        literal = parsed.ip_literal
        if _is_localhost(parsed.host) or (literal is not None and address_blocked(literal)):
            raise WebhookUrlRefused("not_public", _("The address must be reachable on the public internet."))
    return parsed.url


def _is_localhost(host: str) -> bool:
    """`localhost` and its subdomains always mean this machine (RFC 6761)."""
    return host == "localhost" or host.endswith(".localhost")


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (one DNS look-up; socket.gaierror when it fails)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0] for info in infos))


def delivery_target(url: str) -> tuple[WebhookUrl, str]:
    """The stored address checked again (it may predate these rules) and resolved now: (the parsed
    address, the IP address to connect to). WebhookUrlRefused when the address may not be called,
    which no retry will change; socket.gaierror (an OSError) when the name does not resolve now."""
    parsed = parse_webhook_url(url)
    literal = parsed.ip_literal
    addresses = [str(literal)] if literal is not None else resolve(parsed.host, parsed.port)
    if not addresses:
        raise socket.gaierror(f"{parsed.host} resolved to no address")
    if not settings.WEBHOOK_ALLOW_INSECURE:
        if _is_localhost(parsed.host):
            raise WebhookUrlRefused("not_public", "address not public: localhost")
        for address in addresses:
            if address_blocked(ipaddress.ip_address(address.split("%")[0])):
                raise WebhookUrlRefused("not_public", f"address not public: {parsed.host} resolves to {address}")
    return parsed, addresses[0]
