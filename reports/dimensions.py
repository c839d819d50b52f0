"""The dimensions a report can be broken down by, as database expressions.

Each indicator names the path from its records to the region, desk, programme, client, ... ; a
dimension turns that path into an expression to group by. Age is the client's age on the date the
indicator counts by (the intake, the exit, the placement ...), in bands, and whether they were
27 or younger then (`youth`); a client in several target groups counts in each of them (and clients
in none under `none`). The startkwalificatie and the benefit situation are the client's as recorded
now.
"""
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, TruncMonth, TruncQuarter, TruncYear

# 27 closes a band: the youth approach serves young people up to and including 27
AGE_BANDS = [(0, 17, "15-17"), (18, 22, "18-22"), (23, 27, "23-27"), (28, 44, "28-44"), (45, 54, "45-54"),
             (55, 200, "55+")]
YOUTH_UP_TO = 27
# benefit situations as the region reports them: WW, bijstand, none (NUG), the rest together
BENEFIT_GROUPS = {"none": "none", "ww": "ww", "bijstand": "bijstand", "wajong": "other", "wia": "other",
                  "other": "other"}
TRUNC = {"year": TruncYear, "quarter": TruncQuarter, "month": TruncMonth}

# dimension -> what the indicator's `paths` must name for it
NEEDS = {
    "region": "region", "desk": "desk", "programme": "programme", "target_group": "client",
    "education_level": "client", "age_band": "client", "youth": "client", "startkwalificatie": "client",
    "benefit": "client", "municipality": "client", "sector": "sector",
}


def age(on: str, birth: str):
    """Whole years between the birth date and the date at `on` (both paths), in SQL on any database."""
    before_birthday = Q(**{f"{on}__month__lt": ExtractMonth(birth)}) | Q(
        **{f"{on}__month": ExtractMonth(birth), f"{on}__day__lt": ExtractDay(birth)})
    return ExtractYear(on) - ExtractYear(birth) - Case(When(before_birthday, then=Value(1)), default=Value(0),
                                                       output_field=IntegerField())


def age_band(on: str, birth: str):
    years = age(on, birth)
    return Case(*[When(Q(_age__gte=low, _age__lte=high), then=Value(label)) for low, high, label in AGE_BANDS],
                default=Value("unknown"), output_field=CharField()), years


def youth(on: str, birth: str):
    """`yes` for a client aged up to and including 27 on the deciding date, else `no`."""
    return Case(When(_age__lte=YOUTH_UP_TO, then=Value("yes")), default=Value("no"),
                output_field=CharField()), age(on, birth)


def expression(name: str, paths: dict, date_path: str):
    """(expression, extra annotations it needs) for dimension `name`."""
    if name in TRUNC:
        return TRUNC[name](date_path), {}
    if name == "region":
        return F(f"{paths['region']}__name"), {}
    if name == "desk":
        return F(f"{paths['desk']}__name"), {}
    if name == "programme":
        return F(f"{paths['programme']}__code"), {}
    if name == "target_group":
        return F(f"{paths['client']}__target_groups__code"), {}
    if name == "municipality":
        return F(f"{paths['client']}__municipality_code"), {}
    if name == "education_level":
        return F(f"{paths['client']}__education_level"), {}
    if name == "age_band":
        band, years = age_band(date_path, f"{paths['client']}__birth_date")
        return band, {"_age": years}
    if name == "youth":
        young, years = youth(date_path, f"{paths['client']}__birth_date")
        return young, {"_age": years}
    if name == "startkwalificatie":
        path = f"{paths['client']}__has_startkwalificatie"
        return Case(When(**{path: True}, then=Value("yes")), When(**{path: False}, then=Value("no")),
                    default=Value("unknown"), output_field=CharField()), {}
    if name == "benefit":
        path = f"{paths['client']}__benefit"
        return Case(*[When(**{path: code}, then=Value(group)) for code, group in BENEFIT_GROUPS.items()],
                    default=Value("unknown"), output_field=CharField()), {}
    return F(paths[name]), {}
