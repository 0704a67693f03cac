"""The Belgian regions and Flemish provinces a text names: a figure or premium of one does not answer
for another (``gate.region_verdict``)."""

from __future__ import annotations

import re

from assistant.textnl import fold

# A Belgian region named as such ("in het Vlaams Gewest", "Brussels Hoofdstedelijk Gewest", "Vlaanderen",
# "Wallonië"; not the city of Brussels) or a Flemish province ("Oost-Vlaanderen", "Limburg", in its region):
# sector funds give their premiums per region and province, and sector figures are counted per region and
# province, so a figure of one does not answer for another (general Belgian vocabulary)
_REGION = re.compile(r"\b(?:(vlaams|brussels|waals)e?\s+(?:hoofdstedelijk\s+)?gewest|(vlaanderen)|(wallonie))\b")
_PROVINCE = re.compile(r"\b(antwerpen|limburg|oost-vlaanderen|west-vlaanderen|vlaams-brabant)\b")


def regions(text: str) -> tuple[set[str], set[str]]:
    """The regions and the provinces ``text`` names; a province names its region."""
    provinces = set(_PROVINCE.findall(fold(text)))
    return {m.group(1) or ("vlaams" if m.group(2) else "waals") for m in _REGION.finditer(fold(text))} | (
        {"vlaams"} if provinces else set()), provinces


__all__ = ["regions"]
