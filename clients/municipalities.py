"""Municipalities as CBS codes (gemeentecode, `GM` and four digits), the code the regions and the
province report by.

`MUNICIPALITIES` holds the municipalities of the labour-market regions this deployment serves
(Midden-Utrecht, Amersfoort, Gooi en Vechtstreek, Foodvalley and the rest of Utrecht province), by
CBS code, as of 2025. A code of the right form that is not listed is refused: extend the list (from
CBS's "Gemeentelijke indeling" of the year) when a region joins or municipalities merge.
"""
import re

CODE_RE = re.compile(r"^GM[0-9]{4}$")

MUNICIPALITIES = {
    # Utrecht province
    "GM0307": "Amersfoort", "GM0308": "Baarn", "GM0310": "De Bilt", "GM0312": "Bunnik", "GM0313": "Bunschoten",
    "GM0317": "Eemnes", "GM0321": "Houten", "GM0327": "Leusden", "GM0331": "Lopik", "GM0335": "Montfoort",
    "GM0339": "Renswoude", "GM0340": "Rhenen", "GM0342": "Soest", "GM0344": "Utrecht", "GM0345": "Veenendaal",
    "GM0351": "Woudenberg", "GM0352": "Wijk bij Duurstede", "GM0353": "IJsselstein", "GM0355": "Zeist",
    "GM0356": "Nieuwegein", "GM0589": "Oudewater", "GM0632": "Woerden", "GM0736": "De Ronde Venen",
    "GM1581": "Utrechtse Heuvelrug", "GM1904": "Stichtse Vecht", "GM1961": "Vijfheerenlanden",
    # Gooi en Vechtstreek (Noord-Holland)
    "GM0376": "Blaricum", "GM0402": "Hilversum", "GM0406": "Huizen", "GM0417": "Laren", "GM1696": "Wijdemeren",
    "GM1942": "Gooise Meren",
    # Foodvalley (Gelderland)
    "GM0203": "Barneveld", "GM0228": "Ede", "GM0279": "Scherpenzeel", "GM0289": "Wageningen",
}


def normalise_code(value: str) -> str:
    """`gm0344`, ` GM0344 ` -> `GM0344`; other text as it came (the check decides)."""
    return (value or "").strip().upper()
