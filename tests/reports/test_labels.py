"""Every indicator, dimension and measure has a label in English and in Dutch (reports/labels.py)."""
from django.utils import translation

from reports import labels
from reports.indicators import INDICATORS


def test_every_dimension_and_measure_has_a_label():
    dimensions = {d for i in INDICATORS for d in i.dimensions}
    measures = {m.key for i in INDICATORS for m in i.measures}
    assert dimensions - set(labels.DIMENSIONS) == set()
    assert measures - set(labels.MEASURES) == set()


def test_every_label_is_dutch_in_dutch():
    """A label whose Dutch is the English is fine only for words both languages share."""
    same = {"Sector", "Startkwalificatie", "Intakes", "Instrument"}
    texts = [*labels.DIMENSIONS.values(), *labels.MEASURES.values()]
    with translation.override("en"):
        english = [str(t) for t in texts]
    with translation.override("nl"):
        dutch = [str(t) for t in texts]
    assert [en for en, nl in zip(english, dutch) if en == nl and en not in same] == []


def test_values_from_closed_lists_by_their_label():
    with translation.override("nl"):
        assert labels.value("closing_reason", "work") == "Werk gevonden"
        assert labels.value("desk", "RMT Utrecht") == "RMT Utrecht"  # a name stays a name
        assert labels.value("sector", "none") == "geen" and labels.value("sector", "total") == "totaal"
    with translation.override("en"):
        assert labels.value("closing_reason", "work") == "Found work"
