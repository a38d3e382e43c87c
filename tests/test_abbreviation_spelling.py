"""Schwartz and Hearst's test of whether a long form can spell an abbreviation (FA001)."""
import pytest

from pipeline.rules.fact.expansions import could_abbreviate


@pytest.mark.parametrize("short,long", [
    ("PCOS", "polycystic ovary syndrome"), ("ECG", "electrocardiogram"),
    ("MRI", "magnetic resonance imaging"), ("HbA1c", "haemoglobin A1c"),
    ("PRP", "platelet-rich plasma"), ("ICSI", "intracytoplasmic sperm injection"),
])
def test_a_long_form_that_spells_the_abbreviation(short, long):
    assert could_abbreviate(short, long)


@pytest.mark.parametrize("short,long", [
    ("PCOS", "premature ovarian failure"), ("PRF", "platelet-rich plasma"),
    ("EKG", "electrocardiogram"), ("IUI", "in vitro fertilization"),
    ("CT", "acute tomography"),  # the first letter must start a word
])
def test_a_long_form_that_cannot(short, long):
    assert not could_abbreviate(short, long)
