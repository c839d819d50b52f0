"""The provider's people: `sub:password:email[:amr,amr]` on the command line (amr e.g. `pwd,mfa`)."""
from dataclasses import dataclass


@dataclass
class Person:
    sub: str
    password: str
    email: str
    amr: list[str]


def parse(spec: str) -> Person:
    parts = spec.split(":")
    if len(parts) not in (3, 4):
        raise ValueError(f"--person wants sub:password:email[:amr,...], not {spec!r}")
    amr = parts[3].split(",") if len(parts) == 4 and parts[3] else ["pwd"]
    return Person(parts[0], parts[1], parts[2], amr)


def amr_of(user) -> list[str]:
    """Stored in the account's last_name field (a throwaway database): `pwd mfa`."""
    return user.last_name.split() or ["pwd"]
