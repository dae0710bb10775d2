"""zones and zoned checklist times: the zone a person names (``--time-zone``), and a
decision's times written in it."""

from __future__ import annotations

import zoneinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from engine.checklist import moment_words, zoned_moments
from engine.utctime import MICROSECONDS_PER_DAY, utc_text
from engine.zones import zone_named

_EXAMPLES = "such as `Europe/Paris`, `America/New_York` or `UTC`"
_FORM = f"name one by its region and city, {_EXAMPLES}"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("europe/paris", "Europe/Paris"),  # a person's case, not the database's
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("UTC", "UTC"),
        (" Europe/Paris\t", "Europe/Paris"),  # pasted with the blanks around it
        ("europe/paris ", "Europe/Paris"),
    ],
)
def test_a_zone_is_named_by_its_key_in_any_case(written: str, key: str) -> None:
    assert zone_named(written).key == key


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("paris", f"`paris` is not a time zone (did you mean `Europe/Paris` (France)?): {_FORM}"),
        ("Tokio", f"`Tokio` is not a time zone (did you mean `Asia/Tokyo` (Japan)?): {_FORM}"),
        ("Sidney", f"`Sidney` is not a time zone (did you mean `Australia/Sydney`?): {_FORM}"),
        (  # not `Cuba`, two slips away, nor nothing: the zone of the city (India has one)
            "Mumbai",
            "`Mumbai` is not a time zone (did you mean `Asia/Kolkata` (India), the zone of "
            f"Mumbai?): {_FORM}",
        ),
        # a city of two keys, one zone by two names: had been offered none, then its old name
        (
            "Istanbul",
            f"`Istanbul` is not a time zone (did you mean `Europe/Istanbul` (Turkey)?): {_FORM}",
        ),
        (
            "Buenos Aires",
            "`Buenos Aires` is not a time zone (did you mean `America/Argentina/Buenos_Aires`?): "
            f"{_FORM}",
        ),
        (  # misspelt, and far from both keys' letters: the first of them
            "Louisvile",
            "`Louisvile` is not a time zone (did you mean `America/Kentucky/Louisville` (United "
            f"States)?): {_FORM}",
        ),
        # US/ and Canada/Eastern: had been offered Pacific/Easter, an island off Chile
        (
            "Eastern",
            "`Eastern` is not a time zone (did you mean `America/New_York` (United States), once "
            f"named `US/Eastern`?): {_FORM}",
        ),
        (
            "Zürich",
            f"`Zürich` is not a time zone (did you mean `Europe/Zurich` (Switzerland)?): {_FORM}",
        ),
        # close by difflib, yet another place: none is offered rather than it
        (  # had been Europe/Berlin, then nothing: the zone of Switzerland's capital
            "Bern",
            "`Bern` is not a time zone (did you mean `Europe/Zurich` (Switzerland), the zone of "
            f"Bern?): {_FORM}",
        ),
        (  # had been Canada/Atlantic, an hour off, then nothing: the zone its clocks keep
            "Atlanta",
            "`Atlanta` is not a time zone (did you mean `America/New_York` (United States), the "
            f"zone of Atlanta?): {_FORM}",
        ),
        (  # not Asia/Colombo, in Sri Lanka: the country's own zone
            "Colombia",
            "`Colombia` is a country, not a time zone (did you mean `America/Bogota`?): name a "
            "zone by its region and city, such as `Europe/Paris`, `America/New_York` or `UTC`",
        ),
        (  # had been told "is not a time zone" alone, after EST (New York's winter) was not offered
            "AEST",
            "`AEST` is a clock's abbreviation, not a time zone (did you mean `Australia/Sydney` "
            "(AEST in winter, AEDT in summer) or `Australia/Brisbane` (AEST all year)?): name a "
            "zone by its region and city, such as `Europe/Paris`, `America/New_York` or `UTC`",
        ),
        # short
        ("lima", f"`lima` is not a time zone (did you mean `America/Lima` (Peru)?): {_FORM}"),
        ("localtime zone", f"`localtime zone` is not a time zone: {_FORM}"),
        (
            "New York",
            "`New York` is not a time zone (did you mean `America/New_York` (United States)?): "
            f"{_FORM}",
        ),
        (
            "Europe/Pariss",
            f"`Europe/Pariss` is not a time zone (did you mean `Europe/Paris`?): {_FORM}",
        ),
        ("Europe", f"`Europe` is not a time zone: {_FORM}"),  # a region alone: no zone
        ("../etc/passwd", f"`../etc/passwd` is not a time zone: {_FORM}"),  # no path is read
        ("  ", f"the time zone is empty: {_FORM}"),
        (
            "Europe/Paris\x1b",  # a control character is shown, not sent to the terminal
            f"`Europe/Paris\\x1b` is not a time zone (did you mean `Europe/Paris`?): {_FORM}",
        ),
        (  # ZoneInfo imported 300 nested packages of tzdata: RecursionError, an internal error
            "A/" * 300 + "b",
            f"`{'A/' * 29}A…` is not a time zone: {_FORM}",
        ),
    ],
)
def test_a_name_that_is_no_zone_is_told_what_to_write(written: str, said: str) -> None:
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # another city of the region, by its letters: none is offered rather than it
        ("America/Orlando", ""),  # not America/Tortola, in the Virgin Islands
        # a well-known city no key names: the zone its clocks keep, not a neighbour by letters
        ("America/Miami", " (did you mean `America/New_York`, the zone of Miami?)"),  # Lima
        ("Asia/Mumbai", " (did you mean `Asia/Kolkata`, the zone of Mumbai?)"),  # Asia/Dubai
        (  # had been Africa/Freetown, two hours off
            "Africa/Cape_Town",
            " (did you mean `Africa/Johannesburg`, the zone of Cape Town?)",
        ),
        (  # had been America/Belem, in Brazil
            "America/Seattle",
            " (did you mean `America/Los_Angeles`, the zone of Seattle?)",
        ),
        # its city, in whichever region it is (a key without one is not offered after one)
        # Guangzhou's old English name: had been Asia/Yangon, then Kiribati's Pacific/Kanton
        ("Asia/Canton", " (did you mean `Asia/Shanghai`, the zone of Guangzhou?)"),
        ("US/New_York", " (did you mean `America/New_York` (United States)?)"),  # had been none
        ("Canada/Toronto", " (did you mean `America/Toronto` (Canada)?)"),
        ("Asia/Hongkong", " (did you mean `Asia/Hong_Kong`?)"),  # not `Hongkong`, a key too
        # a short city of the region written with a slip of a letter: had been none, where the
        # key nearest by its letters had offered it
        ("Europe/Oslp", " (did you mean `Europe/Oslo`?)"),
        ("America/Lma", " (did you mean `America/Lima`?)"),
        ("Europe/Kiew", " (did you mean `Europe/Kyiv`, once named `Europe/Kiev`?)"),
        # an offset the database has not: a number changed is another offset, hours off
        ("Etc/GMT+15", ""),  # had been `Etc/GMT+5`, ten hours off
        ("Etc/GMT+13", ""),  # had been `Etc/GMT+3`, and `Etc/GMT-13` its sign turned
    ],
)
def test_a_name_written_with_its_region_is_offered_its_city_or_none(
    written: str, meant: str
) -> None:
    """A name written with its region was offered the key nearest by its letters, most often
    another city of that region, hours off (found by review)."""
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == f"`{written}` is not a time zone{meant}: {_FORM}"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Kanton", "`Pacific/Kanton` (Kiribati)"),  # the island's name today: its zone
        ("Perth", "`Australia/Perth`"),  # the country is in the key: not named twice
        ("Halifax", "`America/Halifax` (Canada)"),  # a town in England too
        ("Victoria", "`Australia/Melbourne`, once named `Australia/Victoria`"),
        ("Europe/Pariss", "`Europe/Paris`"),  # its region written: the person chose it
    ],
)
def test_a_zone_offered_for_a_city_named_alone_names_its_country(written: str, meant: str) -> None:
    """A city's name alone is shared by places far apart, and a slip of a letter is another
    place's: `Canton` (Guangzhou, China) had been offered `Pacific/Kanton` with no word that
    it is an island of Kiribati; the country lets the reader see whether it is theirs."""
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == f"`{written}` is not a time zone (did you mean {meant}?): {_FORM}"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # Guangzhou's old English name: had been offered Kiribati's island alone
        (
            "Canton",
            "`Asia/Shanghai` (China), the zone of Guangzhou, or `Pacific/Kanton` (Kiribati)",
        ),
        (
            "canton",
            "`Asia/Shanghai` (China), the zone of Guangzhou, or `Pacific/Kanton` (Kiribati)",
        ),
        # a city of India and of Pakistan: India's alone had been offered
        (
            "Hyderabad",
            "`Asia/Kolkata` (India), the zone of Hyderabad, or `Asia/Karachi` (Pakistan)",
        ),
        # old names and well-known cities that are no key: each had been offered nothing
        ("Bombay", "`Asia/Kolkata` (India), the zone of Mumbai"),
        ("Madras", "`Asia/Kolkata` (India), the zone of Chennai"),
        ("Peking", "`Asia/Shanghai` (China), the zone of Beijing"),
        ("Beijing", "`Asia/Shanghai` (China), the zone of Beijing"),
        ("Leningrad", "`Europe/Moscow` (Russia), the zone of Saint Petersburg"),
        ("St. Petersburg", "`Europe/Moscow` (Russia), the zone of Saint Petersburg"),
        ("Constantinople", "`Europe/Istanbul` (Turkey), the zone of Istanbul"),
        ("San Francisco", "`America/Los_Angeles` (United States), the zone of San Francisco"),
        ("san-francisco", "`America/Los_Angeles` (United States), the zone of San Francisco"),
        ("Washington", "`America/New_York` (United States), the zone of Washington, D.C."),
        ("Washington D.C.", "`America/New_York` (United States), the zone of Washington, D.C."),
        ("Boston", "`America/New_York` (United States), the zone of Boston"),
        ("Asia/Bombay", "`Asia/Kolkata`, the zone of Mumbai"),  # its region written: no country
        # names the database keeps as links are still offered by its name today
        ("Calcutta", "`Asia/Kolkata` (India), once named `Asia/Calcutta`"),
        ("Kiev", "`Europe/Kyiv` (Ukraine), once named `Europe/Kiev`"),
        ("Saigon", "`Asia/Ho_Chi_Minh` (Vietnam), once named `Asia/Saigon`"),
        ("Rangoon", "`Asia/Yangon` (Myanmar (Burma)), once named `Asia/Rangoon`"),
        ("Los Angeles", "`America/Los_Angeles` (United States)"),
    ],
)
def test_a_well_known_city_that_is_no_key_is_offered_its_zone(written: str, meant: str) -> None:
    """The database names a zone by one city of it, and an old English name is no key of it:
    `Canton`, which a person almost surely writes for Guangzhou, had been offered
    `Pacific/Kanton` alone, an island of Kiribati, and `Bombay`, `Peking` or `Boston`
    nothing."""
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == f"`{written}` is not a time zone (did you mean {meant}?): {_FORM}"


def test_a_city_written_in_another_region_is_not_offered_the_zone_of_its_namesake() -> None:
    """`America/Canton` is Canton, Ohio, not Guangzhou: the table of cities answers only a
    name written alone or after its zone's region."""
    with pytest.raises(ValueError) as raised:
        zone_named("America/Canton")
    assert "Asia/Shanghai" not in str(raised.value)


def test_the_table_of_cities_names_zones_and_hides_none() -> None:
    """Each city of the table is of a zone of the database, by its name today, and is no
    city of a key: a name there would hide the zone the database names by it."""
    from engine.zones import _CITIES, _city_key

    known = zoneinfo.available_timezones()
    cities = {_city_key(key.rpartition("/")[2]) for key in known}
    for name, (zone, _city, other) in _CITIES.items():
        assert zone in known, name
        assert other in known or not other, name
        assert name not in cities, name
        assert _city_key(name) == name, name


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # zones of the database, each its clock's winter time all year: a New York manager's
        # `--time-zone EST` wrote every summer time an hour off the office's clocks
        ("EST", "`America/New_York` (EST in winter, EDT in summer) or, for a clock on EST"),
        ("est", "`America/New_York` (EST in winter, EDT in summer) or, for a clock on EST"),
        ("MST", "`America/Denver` (MST in winter, MDT in summer) or `America/Phoenix`"),
        # no zone of the database, told "is not a time zone" alone
        ("PST", "`America/Los_Angeles` (PST in winter, PDT in summer)"),
        (" CST ", "`America/Chicago` (the US's central time: CST in winter, CDT in summer) or"),
        ("IST", "`Asia/Kolkata` (India's), `Europe/Dublin` (Ireland's) or `Asia/Jerusalem`"),
        ("NZST", "`Pacific/Auckland` (NZST in winter, NZDT in summer)"),
        # AST is Arabia's clock as well as the Atlantic's: Riyadh had not been offered
        ("AST", "`America/Puerto_Rico` (AST all year) or `Asia/Riyadh` (Arabia's)"),
    ],
)
def test_a_clock_s_abbreviation_is_told_the_zones_it_most_likely_means(
    written: str, meant: str
) -> None:
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    said = str(raised.value)
    assert said.startswith(f"`{written}` is a clock's abbreviation, not a time zone (did you mean ")
    assert meant in said
    assert said.endswith(f"?): name a zone by its region and city, {_EXAMPLES}")


@pytest.mark.parametrize("written", ["HST", "CET", "EET", "WET", "UTC", "GMT", "EST5EDT"])
def test_a_clock_s_name_that_keeps_its_zone_s_time_is_taken(written: str) -> None:
    """Hawaii keeps HST all year, and CET, EET and WET keep Europe's summer time: each is
    the zone its name says, unlike EST and MST, refused above."""
    assert zone_named(written).key == written


@pytest.mark.parametrize("written", ["Z", "z", " Z "])
def test_z_is_utc(written: str) -> None:
    """The Z of `2026-11-23T09:30:00Z`, which decisions write: it had been told "is not a
    time zone" (found by review)."""
    assert zone_named(written).key == "UTC"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("localtime", f"`localtime` is not a time zone: {_FORM}"),  # the machine's own
        ("LocalTime", f"`LocalTime` is not a time zone: {_FORM}"),
        ("posixrules", f"`posixrules` is not a time zone: {_FORM}"),
        ("Factory", f"`Factory` is not a time zone: {_FORM}"),
        (
            "right/Europe/Paris",  # leap seconds counted: 12:00 UTC had been written 14:00
            f"`right/Europe/Paris` is not a time zone (did you mean `Europe/Paris`?): {_FORM}",
        ),
        ("posix/UTC", f"`posix/UTC` is not a time zone (did you mean `UTC`?): {_FORM}"),
        (
            "posix/america/new_york",
            f"`posix/america/new_york` is not a time zone (did you mean `America/New_York`?): "
            f"{_FORM}",
        ),
    ],
)
def test_a_file_of_the_database_that_is_no_region_s_zone_is_refused(
    written: str, said: str
) -> None:
    """``ZoneInfo`` reads these files, and none is a zone an agent lives in: ``localtime``
    made the checklist's times the machine's own (no local time is read anywhere else), and a
    zone of ``right/`` counts leap seconds, which put Paris's clock an hour out."""
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("written", "now", "old"),
    [
        ("Calcutta", "Asia/Kolkata` (India)", "Asia/Calcutta"),
        ("Asia/Calcuta", "Asia/Kolkata`", "Asia/Calcutta"),  # its region written: no country
        ("Kiev", "Europe/Kyiv` (Ukraine)", "Europe/Kiev"),
        ("Saigon", "Asia/Ho_Chi_Minh` (Vietnam)", "Asia/Saigon"),
        ("Enderbury", "Pacific/Kanton` (Kiribati)", "Pacific/Enderbury"),
        ("US/Pacifc", "America/Los_Angeles`", "US/Pacific"),
    ],
)
def test_a_zone_meant_by_its_old_name_is_offered_by_its_name_today(
    written: str, now: str, old: str
) -> None:
    """A name the database keeps only as a link to a zone renamed since had been offered as
    it is (`Calcutta`: `Asia/Calcutta`): the zone is offered by its name today, with the old
    one the person knows it by."""
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    said = f"`{written}` is not a time zone (did you mean `{now}, once named `{old}`?): {_FORM}"
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("written", "key"),
    [("Stokholm", "Europe/Stockholm` (Sweden)"), ("Amsterdm", "Europe/Amsterdam` (Netherlands)")],
)
def test_a_country_s_own_zone_is_offered_though_the_tzdata_package_links_it(
    monkeypatch: pytest.MonkeyPatch, written: str, key: str
) -> None:
    """The ``tzdata`` package links zones whose clocks have agreed since 1970
    (`Europe/Stockholm` to `Europe/Berlin`): a country's own zone is no old name, and
    Stockholm is not offered Berlin."""
    monkeypatch.setattr(zoneinfo, "TZPATH", ())  # the package's tables, as on Windows
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == f"`{written}` is not a time zone (did you mean `{key}?): {_FORM}"


def _case_blind(real: type[ZoneInfo]) -> object:
    """``ZoneInfo`` as on a file system that ignores case (macOS's, Windows'): a key in any
    case reads the zone's file, and the zone keeps the key as it was typed."""
    from zoneinfo._common import load_tzdata
    from zoneinfo._tzpath import find_tzfile

    keys = {key.casefold(): key for key in zoneinfo.available_timezones()}

    def opened(key: str) -> ZoneInfo:
        filed = keys.get(key.casefold())
        if filed is None:
            raise zoneinfo.ZoneInfoNotFoundError(key)
        path = find_tzfile(filed)
        with open(path, "rb") if path else load_tzdata(filed) as file:
            return real.from_file(file, key=key)

    return opened


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("europe/paris", "Europe/Paris"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("asia/calcutta", "Asia/Calcutta"),
        ("Europe/Paris", "Europe/Paris"),
    ],
)
def test_a_zone_in_another_case_has_the_database_s_key_on_every_file_system(
    monkeypatch: pytest.MonkeyPatch, written: str, key: str
) -> None:
    """Where the file system ignores case, ``ZoneInfo("europe/paris")`` reads Paris's file
    and keeps the key as typed: the report's trend and the checklist had said `europe/paris`
    there, and `Europe/Paris` on Linux."""
    real = zoneinfo.ZoneInfo
    monkeypatch.setattr(zoneinfo, "ZoneInfo", _case_blind(real))
    assert zone_named(written).key == key


def test_a_zone_s_spelling_is_looked_for_in_the_database_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Looking for a key's spelling lists the database's folders (0.3 ms): once per key, not
    at each ``Decision.checklist`` given a ``time_zone``, which reads the zone itself in 0.1
    µs; and anew where ``zoneinfo.TZPATH`` changes."""
    from engine import zones

    listed: list[object] = []
    real = zones._database_folders

    def counted(*args: object) -> list[object]:
        listed.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(zones, "_database_folders", counted)
    zones._filed_in.cache_clear()
    for _ in range(3):
        assert zone_named("Asia/Tokyo").key == "Asia/Tokyo"
    assert len(listed) == 1
    monkeypatch.setattr(zoneinfo, "TZPATH", ())
    assert zone_named("Asia/Tokyo").key == "Asia/Tokyo"
    assert len(listed) == 2


def test_the_database_s_zones_are_listed_once_for_names_in_another_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Listing the database's zones walks it (11 ms): ``europe/paris`` had paid it at every
    call, a checklist's each; it is listed once (and anew for another listing or TZPATH)."""
    real = zoneinfo.available_timezones
    listed: list[int] = []

    def counted() -> set[str]:
        listed.append(1)
        return real()

    monkeypatch.setattr(zoneinfo, "available_timezones", counted)
    for _ in range(3):
        assert zone_named("europe/paris").key == "Europe/Paris"
    assert len(listed) == 1


def test_utc_needs_no_time_zone_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--time-zone UTC` on a system without a database (Windows without tzdata) had been told
    to install one: it is taken, and writes the times as without the option."""
    real = zoneinfo.ZoneInfo

    def not_found(key: str) -> ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", not_found)
    monkeypatch.setattr(zoneinfo, "available_timezones", set)
    monkeypatch.setattr(zoneinfo.ZoneInfo, "from_file", real.from_file, raising=False)
    zone = zone_named(" utc ")
    assert zone.key == "UTC"
    for moment in ("2026-11-01T05:30:00Z", "1900-01-01T00:00:00.5Z", "9997-12-31T23:59:59Z"):
        assert zoned_moments(zone)(moment) == moment_words(moment)


def test_an_empty_zone_is_said_to_be_empty_without_a_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a database an empty name had been told "`` cannot be looked up"."""
    monkeypatch.setattr(zoneinfo, "available_timezones", set)
    with pytest.raises(ValueError) as raised:
        zone_named("")
    assert str(raised.value) == f"the time zone is empty: {_FORM}"


_OFFSET = (
    "is an offset from UTC, not a time zone: name the agent's zone by its region and city, such "
    "as `Europe/Paris`, `America/New_York` or `UTC`, whose summer time is kept"
)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "GMT+5",  # had been "did you mean `Etc/GMT+5`?", five hours behind UTC
            f"`GMT+5` {_OFFSET} (for a fixed UTC+05:00, write `Etc/GMT-5`: its sign is turned)",
        ),
        (
            "utc-03:00",
            f"`utc-03:00` {_OFFSET} (for a fixed UTC-03:00, write `Etc/GMT+3`: its sign is turned)",
        ),
        ("+05:30", f"`+05:30` {_OFFSET}"),  # no zone of the database is fixed at it
        ("UTC+15", f"`UTC+15` {_OFFSET}"),
        (
            "UTC+14",  # the last fixed zone ahead, and behind:
            f"`UTC+14` {_OFFSET} (for a fixed UTC+14:00, write `Etc/GMT-14`: its sign is turned)",
        ),
        (
            "GMT-12",
            f"`GMT-12` {_OFFSET} (for a fixed UTC-12:00, write `Etc/GMT+12`: its sign is turned)",
        ),
        ("GMT-13", f"`GMT-13` {_OFFSET}"),  # no `Etc/GMT+13`
        ("GMT+00:00", f"`GMT+00:00` {_OFFSET} (for UTC itself, write `UTC`)"),
    ],
)
def test_an_offset_given_as_a_zone_is_told_the_zone_to_name(written: str, said: str) -> None:
    """`GMT+5` is meant as five hours ahead of UTC, and the database's `Etc/GMT+5` is five
    hours behind (POSIX's sign): the did-you-mean had led to a clock ten hours out."""
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == said
    fixed = said.partition("write `")[2].partition("`")[0]
    if fixed.startswith("Etc/"):  # the zone named is at the offset written
        from datetime import UTC, datetime

        sign = 1 if "+" in written else -1
        hours = int(written.lower().strip("gmtuc+-").partition(":")[0])
        offset = datetime(2026, 1, 1, tzinfo=UTC).astimezone(ZoneInfo(fixed)).utcoffset()
        assert offset is not None and offset.total_seconds() == sign * hours * 3600


def test_without_a_time_zone_database_the_fix_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system with no database (Windows, a slim container) finds no zone at all: a "did you
    mean" would be of nothing; what to install is said instead."""

    def not_found(key: str) -> ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", not_found)
    monkeypatch.setattr(zoneinfo, "available_timezones", set)
    with pytest.raises(ValueError) as raised:
        zone_named("Europe/Paris")
    assert str(raised.value) == (
        "`Europe/Paris` cannot be looked up: this system has no time-zone database; install "
        "one with `pip install tzdata`"
    )


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        ("2026-11-29T16:00:00Z", "2026-11-29 17:00 Europe/Paris"),  # winter: UTC+1
        ("2026-07-01T16:00:00Z", "2026-07-01 18:00 Europe/Paris"),  # summer: UTC+2
        ("2026-12-31T23:30:00Z", "2027-01-01 00:30 Europe/Paris"),  # the next day, and year
        ("2026-07-01T16:00:15Z", "2026-07-01 18:00:15 Europe/Paris"),  # seconds when some
        ("2026-07-01T16:00:15.250000Z", "2026-07-01 18:00:15.25 Europe/Paris"),
        ("2026-07-01T16:00:00.000001Z", "2026-07-01 18:00:00.000001 Europe/Paris"),
        ("not a time", "not a time"),  # no decision's time: left as it is, as in UTC
    ],
)
def test_a_decision_s_time_is_written_in_the_zone(moment: str, words: str) -> None:
    assert zoned_moments(ZoneInfo("Europe/Paris"))(moment) == words


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        ("2026-11-01T04:59:00Z", "2026-11-01 00:59 America/New_York"),
        ("2026-11-01T05:30:00Z", "2026-11-01 01:30 America/New_York (UTC-04:00)"),
        ("2026-11-01T06:30:00Z", "2026-11-01 01:30 America/New_York (UTC-05:00)"),
        ("2026-11-01T07:00:00Z", "2026-11-01 02:00 America/New_York"),
        ("2026-03-08T07:00:00Z", "2026-03-08 03:00 America/New_York"),  # 02:00 is skipped
        ("2026-04-04T15:15:00Z", "2026-04-05 01:45 Australia/Lord_Howe (UTC+10:30)"),
        ("2026-10-25T01:30:00Z", "2026-10-25 01:30 Europe/London (UTC+00:00)"),  # back to +0
    ],
)
def test_the_hour_that_comes_twice_says_its_offset(moment: str, words: str) -> None:
    """When the clocks go back, 01:30 in New York comes twice, an hour apart: the clock alone
    would name two moments, so the offset is said then, and only then."""
    zone = words.split(" ")[2]
    assert zoned_moments(ZoneInfo(zone))(moment) == words


@pytest.mark.parametrize(
    ("zone", "moment", "words"),
    [
        ("Asia/Kathmandu", "1900-01-01T00:00:00Z", "1900-01-01 05:41:16 Asia/Kathmandu"),
        ("Africa/Monrovia", "1970-01-01T00:00:00Z", "1969-12-31 23:15:30 Africa/Monrovia"),
        ("Asia/Kathmandu", "2026-11-01T05:30:00Z", "2026-11-01 11:15 Asia/Kathmandu"),
    ],
)
def test_an_offset_with_seconds_writes_them(zone: str, moment: str, words: str) -> None:
    """Before a zone kept a standard time its offset had seconds (Kathmandu's +05:41:16):
    the time had been cut to the minute, 05:41, which is another moment."""
    assert zoned_moments(ZoneInfo(zone))(moment) == words


def test_an_offset_with_seconds_is_said_with_them() -> None:
    from datetime import timedelta

    from engine.checklist import _offset_words

    assert _offset_words(timedelta(hours=5, minutes=41, seconds=16)) == "UTC+05:41:16"
    assert _offset_words(-timedelta(minutes=44, seconds=30)) == "UTC-00:44:30"
    assert _offset_words(-timedelta(hours=4)) == "UTC-04:00"


@pytest.mark.parametrize(
    ("zone", "words"),
    [
        ("Etc/GMT+5", "2026-11-29 07:00 Etc/GMT+5 (UTC-05:00)"),  # behind UTC, not ahead
        ("Etc/GMT-14", "2026-11-30 02:00 Etc/GMT-14 (UTC+14:00)"),
        ("Etc/GMT+0", "2026-11-29 12:00 Etc/GMT+0"),  # no offset: nothing to misread
        ("EST5EDT", "2026-11-29 07:00 EST5EDT"),
    ],
)
def test_a_zone_named_by_its_offset_from_greenwich_says_the_offset(zone: str, words: str) -> None:
    """`Etc/GMT+5` is five hours behind UTC (POSIX's sign): `07:00 Etc/GMT+5` alone read as
    a time ahead of it, so its offset is said, the right way round."""
    assert zoned_moments(ZoneInfo(zone))("2026-11-29T12:00:00Z") == words


_MOMENTS = st.integers(
    min_value=693_595 * MICROSECONDS_PER_DAY,  # 1900-01-01, the first year a decision holds
    max_value=3_651_329 * MICROSECONDS_PER_DAY - 1,  # to the end of 9997
).map(utc_text)


@given(_MOMENTS)
def test_in_utc_a_zoned_time_reads_as_the_checklist_s_usual_one(moment: str) -> None:
    """Written in the zone `UTC`, every time a decision can hold reads exactly as without a
    zone: the two ways of writing it agree on the day, the clock and its seconds."""
    assert zoned_moments(ZoneInfo("UTC"))(moment) == moment_words(moment)


@given(_MOMENTS)
@example("2026-11-01T05:00:00Z")  # 01:00 in New York, the hour that comes twice: its first
@example("2026-11-01T06:30:00.000001Z")  # and its second
def test_a_zoned_time_is_the_same_moment(moment: str) -> None:
    """Read back with its zone's offset, the time written is the decision's own."""
    from datetime import UTC, datetime

    zone = ZoneInfo("America/New_York")
    # the offset is said after the zone in the hour that comes twice: `01:00 America/New_York
    # (UTC-04:00)`, which had been read as the clock's fraction (found by review)
    written, _, offset = zoned_moments(zone)(moment).partition(" (UTC")
    day, _, clock = written.removesuffix(" America/New_York").partition(" ")
    whole, _, fraction = clock.partition(".")
    if whole.count(":") == 1:
        whole += ":00"
    local = datetime.fromisoformat(f"{day}T{whole}").replace(tzinfo=zone)
    if fraction:
        local = local.replace(microsecond=int(fraction.ljust(6, "0")))
    # the two of a repeated hour, in a list: in one zone the two are equal, and a set had
    # kept the first alone
    readings = [local.replace(fold=fold) for fold in (0, 1)]
    if offset:
        readings = [r for r in readings if r.strftime("%z") == offset.rstrip(")").replace(":", "")]
    assert datetime.fromisoformat(moment) in {r.astimezone(UTC) for r in readings}


_A_ZONE = "name a zone by its region and city, such as `Europe/Paris`, `America/New_York` or `UTC`"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "France",
            f"`France` is a country, not a time zone (did you mean `Europe/Paris`?): {_A_ZONE}",
        ),
        (
            "britain",
            f"`britain` is a country, not a time zone (did you mean `Europe/London`?): {_A_ZONE}",
        ),
        (
            "China",  # had been offered Asia/Chita, a city one letter from it, in Siberia
            "`China` is a country of 2 time zones: name the one of the agent's region and city, "
            "such as `Asia/Shanghai` (Beijing Time), `Asia/Urumqi` (Xinjiang Time)",
        ),
    ],
)
def test_a_country_named_as_a_zone_is_told_its_zones(written: str, said: str) -> None:
    with pytest.raises(ValueError) as raised:
        zone_named(written)
    assert str(raised.value) == said


def test_a_country_of_many_clocks_is_told_one_zone_of_each() -> None:
    """The table lists four zones of Eastern time first; one of each clock is named."""
    with pytest.raises(ValueError) as raised:
        zone_named("United States")
    said = str(raised.value)
    assert said.startswith("`United States` is a country of ")
    for key in ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"):
        assert f"`{key}`" in said
    assert "America/Detroit" not in said  # Eastern time again


def test_a_name_of_two_countries_is_told_no_country() -> None:
    """`Korea` is North and South, each its own country: neither is offered."""
    with pytest.raises(ValueError) as raised:
        zone_named("Korea")
    assert str(raised.value) == f"`Korea` is not a time zone: {_FORM}"


def test_countries_are_read_from_the_tzdata_package_where_the_system_has_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a system without a database of its own (Windows), the tables are tzdata's."""
    monkeypatch.setattr(zoneinfo, "TZPATH", ())
    with pytest.raises(ValueError, match=r"^`China` is a country of 2 time zones: "):
        zone_named("China")
