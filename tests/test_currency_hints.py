"""The currency a plan most likely means when it writes one as people do (engine.currencies)."""

from __future__ import annotations

import pytest

from engine.currencies import ISO_4217, currencies_meant, currency_written_as
from engine.slips.numbers import currencies_written


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("eur", "EUR"),
        ("Eur", "EUR"),
        ("€", "EUR"),
        ("Euro", "EUR"),
        ("euros", "EUR"),
        ("$", "USD"),
        ("US$", "USD"),
        ("dollars", "USD"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("Yen", "JPY"),
        (" chf ", "CHF"),
    ],
)
def test_a_currency_written_as_people_do_is_given_its_code(written: str, meant: str) -> None:
    assert currency_written_as(written) == meant


@pytest.mark.parametrize("written", ["EUR", "ABC", "bitcoin", "", "E U R", "eu"])
def test_no_code_is_offered_for_a_code_or_for_nothing_known(written: str) -> None:
    assert currency_written_as(written) is None


def test_every_code_offered_is_a_currency() -> None:
    from engine.currencies import _WRITTEN

    assert set(_WRITTEN.values()) <= ISO_4217


@pytest.mark.parametrize("code", sorted(ISO_4217))
def test_every_iso_code_after_or_before_a_number_is_a_currency(code: str) -> None:
    from engine.slips import amount_in_text

    for written in (f"10 {code}", f"10 {code.lower()}", f"{code} 10", f"{code}10", f"10{code}"):
        assert amount_in_text(written) == "10", written


@pytest.mark.parametrize("written", ["10 pcs", "10 abc", "10 PCS", "abc 10", "10ABC", "ABC10"])
def test_three_letters_that_are_no_iso_code_are_no_currency(written: str) -> None:
    """Any three letters had been taken for a currency, and `amount: 10 pcs` was told to
    leave out "the currency" (found by review)."""
    from engine.slips import amount_in_text

    assert amount_in_text(written) is None


DOLLARS_AND_PESOS = {"USD", "CAD", "AUD", "MXN", "ARS"}
FRANCS = {"CHF", "XAF", "XOF", "XPF", "CDF", "RWF", "BIF", "DJF", "GNF", "KMF"}


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("€25", {"EUR"}),
        ("-€12,50", {"EUR"}),
        ("10.- CHF", {"CHF"}),
        ("Fr. 10.-", FRANCS),  # `Fr.` is any franc: a plan in XAF is not told it is CHF
        ("-Fr. 10", FRANCS),
        ("SFr. 10", {"CHF"}),
        ("10 SFr.", {"CHF"}),
        ("10 eur", {"EUR"}),
        ("USD20", {"USD"}),
        ("ten euros", {"EUR"}),
        ("25 kr.", {"SEK", "NOK", "DKK", "ISK"}),
        ("5 francs", FRANCS),
        ("£5", {"GBP", "EGP", "GIP", "FKP", "SHP", "SSP"}),
        ("¥500", {"JPY", "CNY"}),
        ("R$25", {"BRL"}),
        ("C$25", {"CAD", "NIO"}),
        ("US$25", {"USD"}),
        ("A$25", {"AUD"}),
        ("25 US$", {"USD"}),
        ("-R$25", {"BRL"}),
        ("kr 25", {"SEK", "NOK", "DKK", "ISK"}),
        ("kr. 25", {"SEK", "NOK", "DKK", "ISK"}),
        ("25 CHF.-", {"CHF"}),
        ("25 Eur.", {"EUR"}),
        # the francs of Africa and the Pacific, and a whole amount of crowns, which had had no
        # hint (found by review)
        ("25 F CFA", {"XOF", "XAF"}),
        ("25 FCFA", {"XOF", "XAF"}),
        ("25 francs CFA", {"XOF", "XAF"}),
        ("25 Fr. CFA", {"XOF", "XAF"}),
        ("25 CFA", {"XOF", "XAF"}),
        ("25 F CFP", {"XPF"}),
        ("25 kr.-", {"SEK", "NOK", "DKK", "ISK"}),
        ("25 kr,-", {"SEK", "NOK", "DKK", "ISK"}),
        # dollars as their countries print them, which had had no hint (found by review)
        ("J$25", {"JMD"}),
        ("TT$ 25", {"TTD"}),
        ("FJ$25", {"FJD"}),
        ("EC$25", {"XCD"}),
        ("N$25", {"NAD"}),
        ("B$25", {"BSD", "BND"}),
        ("Bds$25", {"BBD"}),
        ("RD$25", {"DOP"}),
        ("25 AR$", {"ARS"}),
        ("T$25", {"TOP"}),
        ("WS$25", {"WST"}),
        ("MOP$25", {"MOP"}),
    ],
)
def test_the_currencies_an_amount_is_written_in_are_those_its_mark_may_stand_for(
    written: str, meant: set[str]
) -> None:
    """What the hint of an amount compares with the plan's currency (`amount: €25` in a plan
    in USD is told it is in EUR): every currency a mark may stand for, so that `$` is not
    told to be another currency than a plan's in CAD, and no other (it had held only that
    each was among those found, which `€` read as every currency passed)."""
    assert currencies_written(written) == meant


def test_a_dollar_sign_may_be_any_dollar_or_peso() -> None:
    assert DOLLARS_AND_PESOS <= currencies_written("$25") == currencies_meant("$")
    assert "EUR" not in currencies_written("$25")


@pytest.mark.parametrize("written", ["10.-", "25", "10 pcs", ""])
def test_an_amount_without_a_currency_names_none(written: str) -> None:
    assert currencies_written(written) == frozenset()
    assert currencies_meant(written) == frozenset()


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("R$25", "25"),
        ("C$25", "25"),
        ("US$25", "25"),
        ("A$25", "25"),
        ("us$ 1,000.50", "1000.50"),
        ("25 US$", "25"),
        ("-R$25", "-25"),
        ("kr 25", "25"),
        ("kr. 25", "25"),
        ("-kr 25", "-25"),
        ("25 CHF.-", "25"),
        ("25 Eur.", "25"),
        ("25 EUR.", "25"),
        ("25 F CFA", "25"),
        ("1 000 francs CFA", "1000"),
        ("25 FCFA", "25"),
        ("25 F CFP", "25"),
        ("25 kr.-", "25"),
        ("25 kr,–", "25"),
        # a franc ending a whole amount, and the francs of Africa and the Pacific before the
        # number, had had no hint, where `25 CHF.-` and `25 F CFA` had one (found by review)
        ("25 Fr.-", "25"),
        ("25 Frs.–", "25"),
        ("25 SFr.-", "25"),
        ("CFA 25", "25"),
        ("F CFA 1 000", "1000"),
        ("FCFA 25", "25"),
        ("cfp 25", "25"),
        ("-CFA 25", "-25"),
    ],
)
def test_an_amount_with_letters_before_its_dollar_or_its_crown_first_is_read(
    written: str, amount: str
) -> None:
    """`R$25`, `US$25`, `kr 25`, `25 CHF.-` and `25 Eur.` had had no hint at all: only a `$`
    alone, a crown after the number and a code ending the text were taken for a currency
    (found by review)."""
    from engine.slips import amount_in_text

    assert amount_in_text(written) == amount


@pytest.mark.parametrize(
    "written", ["Fr. Smith", "US$", "kr", "25 CHF.x", "X$25", "CFA", "25 xCFA", "25 kr.x"]
)
def test_a_mark_without_its_number_is_no_amount(written: str) -> None:
    from engine.slips import amount_in_text

    assert amount_in_text(written) is None
