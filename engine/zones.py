"""The time zone a person names for the checklist's times (``--time-zone Europe/Paris``).

A decision's times are in UTC, and stay so in its JSON; an agent whose clock is not UTC's had
to add their offset to every deadline of ``eval --pretty`` and ``explain`` in their head,
twice a year a different one. The checklist can write them in the agent's zone instead
(``engine.checklist.zoned_moments``); this module reads the zone's name as a person writes
it, from the system's time-zone database (or the ``tzdata`` package where the system has
none), and says what to write when it is not one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

_EXAMPLES = "such as `Europe/Paris`, `America/New_York` or `UTC`"

_NOT_A_ZONE = (
    'time_zone is the name of a time zone, such as "Europe/Paris" or "UTC", not {} '
    "(a ZoneInfo's name is its key: time_zone=zone.key)"
)
"""What an app's ``time_zone`` that is no text is told, by ``Decision.checklist``,
``summarize`` and ``ReportCounts`` alike: ``summarize(..., time_zone=ZoneInfo(...))`` had
raised AttributeError of ``strip`` (found by review)."""


def zone_named(name: str) -> ZoneInfo:
    """The time zone ``name`` names, an IANA key (``Europe/Paris``), its letters in any case
    (``europe/paris``: the database's files are named in one, and a person types another);
    raises ValueError with what to write instead: the zone most likely meant, or the form of
    a name, or how to install the database when the system has none; TypeError for no text.

    A file of the database that is no region's zone is refused (:func:`_no_region`), though
    ``ZoneInfo`` reads it: ``localtime`` is the machine's own zone, so the checklist changed
    with the computer it ran on (no local time is read anywhere else), and a zone of
    ``right/`` counts leap seconds as no decision does (``right/Europe/Paris`` wrote 12:00 UTC
    as 14:00, an hour late) (found by review)."""
    from zoneinfo import TZPATH, ZoneInfo, available_timezones

    from engine.errors import shown_text
    from engine.wording import clip

    if not isinstance(name, str):  # an app's ZoneInfo: said, not AttributeError of strip
        raise TypeError(_NOT_A_ZONE.format(type(name).__name__))
    key = name.strip()  # `Europe/Paris ` pasted with its space is the zone all the same
    if not key:  # said before the database is looked for: "`` cannot be looked up"
        raise ValueError(f"the time zone is empty: name one by its region and city, {_EXAMPLES}")
    if key in ("Z", "z"):  # the Z of `2026-11-23T09:30:00Z`: had been "not a time zone"
        key = "UTC"
    if clock := _CLOCK_ABBREVIATIONS.get(key.upper()):
        raise ValueError(
            f"`{shown_text(clip(name))}` is a clock's abbreviation, not a time zone (did you "
            f"mean {clock}?): name a zone by its region and city, {_EXAMPLES}"
        )
    if key.count("/") < _MOST_PARTS and not _no_region(key) and _filed_as_written(key):
        try:
            return ZoneInfo(key)
        except (LookupError, ValueError, OSError):  # not found; a path, not a key; no zone file
            pass
    known = _known_zones(tuple(TZPATH), available_timezones)
    if not known and key.casefold() == "utc":
        return _utc()  # no database is needed for it (Windows without tzdata had refused it)
    if not known:
        raise ValueError(
            f"`{shown_text(clip(name))}` cannot be looked up: this system has no time-zone "
            "database; install one with `pip install tzdata`"
        )
    same = _by_folded(known).get(key.casefold(), ())
    if len(same) == 1:
        return ZoneInfo(same[0])
    if offset := _offset_written(name):
        raise ValueError(f"`{shown_text(clip(name))}` {offset}")
    if country := _country_words(key, known):
        raise ValueError(f"`{shown_text(clip(name))}` {country}")
    links = _links()
    if city := _city_words(key, known):
        raise ValueError(
            f"`{shown_text(clip(name))}` is not a time zone{city}: name one by its region and "
            f"city, {_EXAMPLES}"
        )
    meant = _zone_meant(key, known, links)
    placed = meant is not None and _region(meant) != _region(key)  # (`Canton`, `Asia/Canton`)
    said = _meant_words(meant, known, links, placed)
    raise ValueError(
        f"`{shown_text(clip(name))}` is not a time zone{said}: name one by its region and "
        f"city, {_EXAMPLES}"
    )


_MOST_PARTS = 4
"""No zone's key has this many parts (``America/Argentina/Buenos_Aires`` has three). A name
of hundreds (``A/A/.../b``, as a plan test's ``due`` or ``--time-zone`` may hold) is no key
to open: ``ZoneInfo`` looked for it in the ``tzdata`` package as as many nested packages,
and the imports raised RecursionError, an internal error of ``eval`` and ``backplan test``."""


@functools.lru_cache(maxsize=4)
def _known_zones(tzpath: tuple[str, ...], listed: Callable[[], set[str]]) -> frozenset[str]:
    """The keys of the zones of the database at ``tzpath`` that ``listed`` gives
    (``zoneinfo.available_timezones``), but those of no region: kept, as listing them walks
    the database (11 ms), which a name in another case (``europe/paris``) had paid at every
    call, a checklist's each (found by review)."""
    return frozenset(key for key in listed() if not _no_region(key))


@functools.lru_cache(maxsize=4)
def _by_folded(known: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The keys of ``known`` by their letters in one case, for a name written in another."""
    found: dict[str, tuple[str, ...]] = {}
    for key in sorted(known):
        found[key.casefold()] = (*found.get(key.casefold(), ()), key)
    return found


def _filed_as_written(key: str) -> bool:
    """:func:`_filed_in` the folders of ``zoneinfo.TZPATH`` as they are now."""
    from zoneinfo import TZPATH

    return _filed_in(key, tuple(TZPATH))


@functools.lru_cache(maxsize=64)
def _filed_in(key: str, tzpath: tuple[str, ...]) -> bool:
    """Whether a folder of the time-zone database (``zoneinfo.TZPATH``, then the ``tzdata``
    package) holds ``key`` spelt exactly as written, or ``key`` is no name of a file there.

    On a file system that ignores case (macOS's, Windows'), ``ZoneInfo("europe/paris")``
    reads Paris's file and keeps the key as typed, so the report and the checklist wrote
    ``europe/paris`` where Linux, refusing it, wrote the database's ``Europe/Paris`` (found by
    review). A name filed in another spelling is looked for among the database's keys
    instead, with the same answer on every system. Reads only the folders' listings along the
    key's path: asking the whole database for its keys takes tens of milliseconds. Kept
    for the next call: the listings took 0.3 ms, paid by each ``Decision.checklist`` given a
    ``time_zone`` (the zone itself is read in 0.1 µs, ``ZoneInfo`` keeping it)."""
    parts = key.split("/")
    folders = _database_folders(tzpath)
    for folder in folders:
        found = True
        for part in parts:
            try:
                names = {entry.name for entry in folder.iterdir()}
            except (OSError, ValueError):  # not a folder: no such path here
                found = False
                break
            if part not in names:
                if part.casefold() in {name.casefold() for name in names}:
                    return False  # filed in another spelling: ZoneInfo may still read it
                found = False
                break
            folder = folder.joinpath(part)
        if found:
            return True
    return True  # in no folder in any spelling: ZoneInfo says what is wrong


def _database_folders(tzpath: tuple[str, ...] | None = None) -> list[Any]:
    """The folders of the time-zone database, in the order ``ZoneInfo`` reads them: those of
    ``tzpath`` (``zoneinfo.TZPATH`` by default), then the ``tzdata`` package's (where it is
    installed)."""
    from pathlib import Path
    from zoneinfo import TZPATH

    folders: list[Any] = [Path(folder) for folder in (TZPATH if tzpath is None else tzpath)]
    try:
        from importlib.resources import files

        folders.append(files("tzdata").joinpath("zoneinfo"))
    except (ImportError, ModuleNotFoundError):
        pass
    return folders


def _meant_words(
    meant: str | None, known: frozenset[str], links: dict[str, str], placed: bool
) -> str:
    """The words of the zone most likely meant, by its name today: a key the database keeps
    only as a link to another (``Asia/Calcutta``, ``Europe/Kiev``, ``Pacific/Enderbury``) is
    read as that zone all the same, but it is an old name, kept for old settings; `Calcutta`
    had been offered `Asia/Calcutta` and `Kiev` `Europe/Kiev`, not `Asia/Kolkata` and
    `Europe/Kyiv` (found by review). ``placed``: the name was written without its region, or
    with another, so the zone's country is named (:func:`_country_of`)."""
    if meant is None:
        return ""
    now = links.get(meant)
    zone = now if now is not None and now in known else meant
    country = _country_of(zone) if placed else ""
    where = f" ({country})" if country.replace(" ", "_") not in zone else ""  # (Australia/)
    if zone == meant:  # not an old name (or its zone is not in this database)
        return f" (did you mean `{meant}`{where}?)"
    return f" (did you mean `{zone}`{where}, once named `{meant}`?)"


def _country_of(zone: str) -> str:
    """The name of the country whose zone ``zone`` is, in the time-zone database's words
    (``zone.tab``, ``iso3166.tab``); "" where the tables have none. A city's name alone is
    shared by places far apart, and a slip of a letter is another place's name: `Canton`,
    most often Guangzhou's old English name, had been offered `Pacific/Kanton` with no word
    that it is an island of Kiribati, and `Perth`, a Scottish manager's, Australia's zone
    (found by review). Named, the country lets the reader see whether it is theirs."""
    tables = _country_tables()
    if tables is None:
        return ""
    names, by_country = tables
    return next(
        (
            names.get(code, "")
            for code, zones in by_country.items()
            for key, _ in zones
            if key == zone
        ),
        "",
    )


def _links() -> dict[str, str]:
    """The database's old names, each to the zone it names now (``tzdata.zi``'s lines ``L
    Asia/Kolkata Asia/Calcutta``), from the first of its folders that has the file and the
    table of countries' zones; empty where none has them.

    A link that is a country's own zone in ``zone.tab`` is no old name: the ``tzdata``
    package links `Europe/Oslo` to `Europe/Berlin` and `Europe/Amsterdam` to
    `Europe/Brussels`, whose clocks have agreed since 1970; Oslo is not to be offered Berlin.
    Nor is a link of one word (`CET`, `EST`, `GB`), a name of a clock or a country, not a
    region and city."""
    tables = _tables("tzdata.zi", "zone.tab")
    if tables is None:
        return {}
    table, countries = tables
    own = {row[2] for row in _columns(countries, 4) if len(row) > 2}
    return {
        words[2]: words[1]
        for line in table.splitlines()
        if line.startswith("L ")
        and len(words := line.split()) == 3
        and "/" in words[2]
        and words[2] not in own
    }


def _tables(*names: str) -> tuple[str, ...] | None:
    """The texts of the files ``names`` of the time-zone database, from the first of its
    folders that has them all; None where none has."""
    for folder in _database_folders():
        try:
            return tuple(folder.joinpath(name).read_text(encoding="utf-8") for name in names)
        except (OSError, ValueError):
            continue
    return None


def _utc() -> ZoneInfo:
    """The zone ``UTC`` on a system with no time-zone database: its file is a few bytes (one
    offset, 0, named ``UTC``; RFC 8536), made here rather than asked of a database. Without
    it, ``--time-zone UTC`` was refused with "install tzdata" (found by review)."""
    import io
    import struct
    from zoneinfo import ZoneInfo

    header = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, 4)  # 1 type, 4 letters
    block = header + struct.pack(">lBB", 0, 0, 0) + b"UTC\0"
    return ZoneInfo.from_file(io.BytesIO(block + block + b"\nUTC0\n"), key="UTC")


_CLOCK_ABBREVIATIONS = {
    "EST": "`America/New_York` (EST in winter, EDT in summer) or, for a clock on EST all year, "
    "`America/Panama`",
    "EDT": "`America/New_York` (EST in winter, EDT in summer)",
    "CST": "`America/Chicago` (the US's central time: CST in winter, CDT in summer) or "
    "`Asia/Shanghai` (China's)",
    "CDT": "`America/Chicago` (CST in winter, CDT in summer)",
    "MST": "`America/Denver` (MST in winter, MDT in summer) or `America/Phoenix` (MST all year)",
    "MDT": "`America/Denver` (MST in winter, MDT in summer)",
    "PST": "`America/Los_Angeles` (PST in winter, PDT in summer)",
    "PDT": "`America/Los_Angeles` (PST in winter, PDT in summer)",
    "AKST": "`America/Anchorage` (AKST in winter, AKDT in summer)",
    "AKDT": "`America/Anchorage` (AKST in winter, AKDT in summer)",
    "BST": "`Europe/London` (GMT in winter, BST in summer)",
    "CEST": "`Europe/Paris`, `Europe/Berlin` or another city of central Europe (CET in winter, "
    "CEST in summer)",
    "IST": "`Asia/Kolkata` (India's), `Europe/Dublin` (Ireland's) or `Asia/Jerusalem` (Israel's)",
    "AEST": "`Australia/Sydney` (AEST in winter, AEDT in summer) or `Australia/Brisbane` (AEST "
    "all year)",
    "AEDT": "`Australia/Sydney` (AEST in winter, AEDT in summer)",
    "AST": "`America/Halifax` (the Atlantic's: AST in winter, ADT in summer), "
    "`America/Puerto_Rico` (AST all year) or `Asia/Riyadh` (Arabia's)",
    "ADT": "`America/Halifax` (AST in winter, ADT in summer)",
    "NZST": "`Pacific/Auckland` (NZST in winter, NZDT in summer)",
    "NZDT": "`Pacific/Auckland` (NZST in winter, NZDT in summer)",
    "MSK": "`Europe/Moscow`",
    "JST": "`Asia/Tokyo`",
    "KST": "`Asia/Seoul`",
    "HKT": "`Asia/Hong_Kong`",
    "SGT": "`Asia/Singapore`",
}
"""Clocks' abbreviations people write for their zone, by the zones they most likely mean. Most
are no zone of the database and had been told "is not a time zone" alone (``PST``, ``CST``).
``EST`` and ``MST`` are, but each is its clock's winter time all year: `--time-zone EST`, a New
York manager's, wrote every summer time of a checklist or a report an hour off the clocks of the
office, under a label that looked right (found by a new user's trial). ``HST``, Hawaii's all
year, and ``CET``, ``EET`` or ``WET``, which keep Europe's summer time, are taken as zones."""

_OFFSET = re.compile(r"\s*(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d\d))?\s*", re.IGNORECASE)
"""An offset from UTC written where a zone's name goes (``GMT+5``, ``UTC-03:00``, ``+05:30``)."""


def _offset_written(name: str) -> str:
    """What to write for an offset given as a zone (``GMT+5``); "" for any other name. It had
    been told "did you mean `Etc/GMT+5`?", a zone five hours *behind* UTC (the database's
    ``Etc/GMT`` zones have POSIX's sign, the other way round), for a person who meant five
    hours ahead (found by review). The zone of the agent's region and city follows its summer
    time, which an offset does not; a fixed one of whole hours is named too, the sign turned."""
    written = _OFFSET.fullmatch(name)
    if written is None:
        return ""
    sign, hours, minutes = written[1], int(written[2]), int(written[3] or 0)
    said = (
        "is an offset from UTC, not a time zone: name the agent's zone by its region and city, "
        f"{_EXAMPLES}, whose summer time is kept"
    )
    if hours == minutes == 0:
        return said + " (for UTC itself, write `UTC`)"
    if minutes == 0 and hours <= (12 if sign == "-" else 14):
        fixed = f"`Etc/GMT{'-' if sign == '+' else '+'}{hours}`"
        return said + f" (for a fixed UTC{sign}{hours:02d}:00, write {fixed}: its sign is turned)"
    return said


_NO_REGION = ("localtime", "posixrules", "factory")
"""Files of a time-zone database that name no region's zone: the machine's own zone, the rules
of a POSIX ``TZ`` string, and the zone of a computer not yet set up (written ``-00``)."""


def _no_region(name: str) -> bool:
    """Whether ``name`` is a file of the database that is no region's zone (:data:`_NO_REGION`),
    or one of its copies under ``right/`` (counting leap seconds) or ``posix/``, which
    :func:`_zone_meant` names by the key alone."""
    folded = name.casefold()  # (a zone's key, or a name its blanks around it left out)
    return folded in _NO_REGION or folded.startswith(("right/", "posix/"))


_CITIES: dict[str, tuple[str, str, str]] = {
    # China: one zone; Canton and Peking are Guangzhou's and Beijing's old English names
    "canton": ("Asia/Shanghai", "Guangzhou", "Pacific/Kanton"),  # Kanton Island's old name too
    "guangzhou": ("Asia/Shanghai", "Guangzhou", ""),
    "peking": ("Asia/Shanghai", "Beijing", ""),
    "peiping": ("Asia/Shanghai", "Beijing", ""),
    "beijing": ("Asia/Shanghai", "Beijing", ""),
    "shenzhen": ("Asia/Shanghai", "Shenzhen", ""),
    # India: one zone
    "bombay": ("Asia/Kolkata", "Mumbai", ""),
    "mumbai": ("Asia/Kolkata", "Mumbai", ""),
    "madras": ("Asia/Kolkata", "Chennai", ""),
    "chennai": ("Asia/Kolkata", "Chennai", ""),
    "delhi": ("Asia/Kolkata", "Delhi", ""),
    "new_delhi": ("Asia/Kolkata", "New Delhi", ""),
    "bangalore": ("Asia/Kolkata", "Bengaluru", ""),
    "bengaluru": ("Asia/Kolkata", "Bengaluru", ""),
    "hyderabad": ("Asia/Kolkata", "Hyderabad", "Asia/Karachi"),  # Sindh's Hyderabad too
    # elsewhere in Asia and Oceania
    "hanoi": ("Asia/Ho_Chi_Minh", "Hanoi", ""),
    "osaka": ("Asia/Tokyo", "Osaka", ""),
    "kyoto": ("Asia/Tokyo", "Kyoto", ""),
    "lahore": ("Asia/Karachi", "Lahore", ""),
    "islamabad": ("Asia/Karachi", "Islamabad", ""),
    "abu_dhabi": ("Asia/Dubai", "Abu Dhabi", ""),
    "wellington": ("Pacific/Auckland", "Wellington", ""),
    # Europe
    "leningrad": ("Europe/Moscow", "Saint Petersburg", ""),
    "saint_petersburg": ("Europe/Moscow", "Saint Petersburg", ""),
    "st_petersburg": ("Europe/Moscow", "Saint Petersburg", ""),
    "constantinople": ("Europe/Istanbul", "Istanbul", ""),
    "bern": ("Europe/Zurich", "Bern", ""),
    "geneva": ("Europe/Zurich", "Geneva", ""),
    "munich": ("Europe/Berlin", "Munich", ""),
    "frankfurt": ("Europe/Berlin", "Frankfurt", ""),
    "hamburg": ("Europe/Berlin", "Hamburg", ""),
    "cologne": ("Europe/Berlin", "Cologne", ""),
    "milan": ("Europe/Rome", "Milan", ""),
    "naples": ("Europe/Rome", "Naples", ""),
    "barcelona": ("Europe/Madrid", "Barcelona", ""),
    "lyon": ("Europe/Paris", "Lyon", ""),
    "marseille": ("Europe/Paris", "Marseille", ""),
    "rotterdam": ("Europe/Amsterdam", "Rotterdam", ""),
    "manchester": ("Europe/London", "Manchester", ""),
    "edinburgh": ("Europe/London", "Edinburgh", ""),
    "glasgow": ("Europe/London", "Glasgow", ""),
    # the Americas and Africa
    "san_francisco": ("America/Los_Angeles", "San Francisco", ""),
    "seattle": ("America/Los_Angeles", "Seattle", ""),
    "san_diego": ("America/Los_Angeles", "San Diego", ""),
    "las_vegas": ("America/Los_Angeles", "Las Vegas", ""),
    "washington": ("America/New_York", "Washington, D.C.", ""),
    "washington_dc": ("America/New_York", "Washington, D.C.", ""),
    "boston": ("America/New_York", "Boston", ""),
    "philadelphia": ("America/New_York", "Philadelphia", ""),
    "atlanta": ("America/New_York", "Atlanta", ""),
    "miami": ("America/New_York", "Miami", ""),
    "dallas": ("America/Chicago", "Dallas", ""),
    "houston": ("America/Chicago", "Houston", ""),
    "new_orleans": ("America/Chicago", "New Orleans", ""),
    "minneapolis": ("America/Chicago", "Minneapolis", ""),
    "ottawa": ("America/Toronto", "Ottawa", ""),
    "rio_de_janeiro": ("America/Sao_Paulo", "Rio de Janeiro", ""),
    "brasilia": ("America/Sao_Paulo", "Brasília", ""),
    "cape_town": ("Africa/Johannesburg", "Cape Town", ""),
    "pretoria": ("Africa/Johannesburg", "Pretoria", ""),
}
"""Well-known cities that name no zone of the database, by the zone their clocks keep, the
city's name today, and another zone the name is also a name in (or ""): an old name of
another place (`Canton`, Kanton Island's), or a city of the same name (`Hyderabad`, in India
and in Pakistan). The database
names a zone by one city of it, and old English names (`Canton`, `Bombay`, `Peking`,
`Leningrad`) are no key of it, nor its links. `Canton` had been offered `Pacific/Kanton`,
an island of Kiribati, by its letters, to a person who almost surely meant Guangzhou;
`Bombay`, `Peking`, `San Francisco` and `Boston` had been offered nothing. Keyed by the name
folded as :func:`_city_key` writes it; a name here is never a city of a key of the database
(`tests/test_zones.py` insists), so no zone is hidden by it."""


def _city_key(name: str) -> str:
    """A city's name as :data:`_CITIES` keys it: in small letters, words joined by ``_``, its
    dots and hyphens left out (`St. Petersburg`, `Washington D.C.`, `rio-de-janeiro`)."""
    words = re.split(r"[\s_\-,]+", name.casefold().replace(".", ""))
    return "_".join(word for word in words if word)


def _city_words(key: str, known: frozenset[str]) -> str:
    """The words of the zone of a well-known city named as a zone (:data:`_CITIES`), written
    alone or after the region of its zone (`Asia/Bombay`); "" for any other name, or where the
    database lacks the zone. The country is named when the region is not written, as
    :func:`_meant_words` does, and so is the other zone the name is an old name of (Kanton
    Island's, for `Canton`): the reader sees which place each is."""
    region, _, named = key.rpartition("/")
    found = _CITIES.get(_city_key(named))
    if found is None or found[0] not in known:
        return ""
    zone, city, other = found
    if region and region.casefold() != _region(zone):  # `America/Canton`: Ohio's, not China's
        return ""
    if region:  # the person chose the region: neither country nor another region is named
        return f" (did you mean `{zone}`, the zone of {city}?)"
    country = _country_of(zone)
    where = f" ({country})" if country else ""
    also = ""
    if other in known:
        elsewhere = _country_of(other)
        also = f", or `{other}`" + (f" ({elsewhere})" if elsewhere else "")
    return f" (did you mean `{zone}`{where}, the zone of {city}{also}?)"


def _region(name: str) -> str:
    """The region a zone's name is written with (``europe`` of ``Europe/Paris``, ``america``
    of ``right/America/New_York``), in small letters; "" for a name of one word."""
    written = name.replace(" ", "_").casefold().removeprefix("right/").removeprefix("posix/")
    return written.rpartition("/")[0]


def _zone_meant(key: str, known: frozenset[str], links: dict[str, str]) -> str | None:
    """The zone a name that is none (``key``, its blanks around it left out) most likely
    meant: the one of its city (``paris``, ``New York``, ``Europe/Pariss``: the zone's key is
    its region and city), or misspelt by a letter (``Tokio``), in whichever region it is.

    A name written with its region was given the key nearest by its letters, which was most
    often another city of that region: `America/Miami` was offered America/Lima, in Peru,
    `Asia/Mumbai` Asia/Dubai, `Africa/Cape_Town` Africa/Freetown, two hours off; a place
    other than the one meant is worse than none (found by review)."""
    from engine.suggest import did_you_mean

    spaced = key.replace(" ", "_")  # `New York`, `America/New York`
    written = spaced.casefold().removeprefix("right/").removeprefix("posix/")
    if len(keyed := [zone for zone in known if zone.casefold() == written]) == 1:
        return keyed[0]  # `right/Europe/Paris`: the zone without its leap seconds
    import difflib

    region, _, named = written.rpartition("/")  # the city, written alone or after its region
    by_name: dict[str, list[str]] = {}
    for zone in known:  # each zone by its city, and the few keys of one word (`Japan`), but
        if region and "/" not in zone:  # after a region (`Asia/Hongkong` is `Asia/Hong_Kong`)
            continue
        by_name.setdefault(zone.rpartition("/")[2].casefold(), []).append(zone)
    # close by most of their letters: two slips of a short word are another word
    # (`Europe` is no `Faeroe`, `localtime` no `Lome`, `Mumbai` no `Cuba`). Every city is
    # searched, those of several keys too: searched among the others alone, `Eastern`
    # (US/ and Canada/) had been offered Pacific/Easter, an island 2,000 miles off Chile
    city = difflib.get_close_matches(named, list(by_name), n=1, cutoff=0.8)
    keys = sorted(by_name[city[0]]) if city and _one_slip(named, city[0]) else []
    if not keys and region:
        keys = _slipped_in(region, named, known)
    keys = [zone for zone in keys if zone not in links] or keys  # its name today, if any
    if len(keys) <= 1:
        return keys[0] if keys else None
    # a city of several keys, one zone by its old and new names (`Istanbul`, in Europe/
    # and Asia/; `Buenos Aires`): the nearest of them, which had been offered none
    return did_you_mean(spaced, keys) or keys[0]


MAX_COUNTRY_ZONES = 6
"""The zones of a country of several that :func:`_country_words` names."""


def _country_words(name: str, known: frozenset[str]) -> str:
    """What to write for a country named as a zone (``France``, ``China``), from the time-zone
    database's table of countries (``iso3166.tab``) and of their zones (``zone.tab``): its
    zone, or the first of its zones with what each covers; "" for any other name, or where
    the database has no such tables. ``China`` had been offered `Asia/Chita`, a city one
    letter from it, in Siberia (found by review)."""
    tables = _country_tables()
    if tables is None:
        return ""
    countries, zones = tables
    wanted = name.casefold().replace("_", " ")
    codes = [c for c, n in countries.items() if wanted in _country_names(n)]
    if len(codes) != 1:  # none, or `Korea`: North and South, each its own
        return ""
    found = [(key, covers) for key, covers in zones.get(codes[0], []) if key in known]
    if not found:
        return ""
    if len(found) == 1:
        return (
            f"is a country, not a time zone (did you mean `{found[0][0]}`?): name a zone by "
            f"its region and city, {_EXAMPLES}"
        )
    shown = _one_a_clock(found)[:MAX_COUNTRY_ZONES]
    named = ", ".join(f"`{key}`" + (f" ({covers})" if covers else "") for key, covers in shown)
    return (
        f"is a country of {len(found)} time zones: name the one of the agent's region and "
        f"city, such as {named}"
    )


def _one_a_clock(zones: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first zone of each clock among a country's (its offsets from UTC in January and in
    July 2026, days fixed so the answer never changes with the date: summer time is in one
    of them, north or south): the United States' `America/New_York`, `America/Chicago`,
    `America/Denver`, `America/Los_Angeles`..., where the table's order had named four zones
    of Eastern time first."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    days = (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12))
    seen: set[Any] = set()
    chosen = []
    for key, covers in zones:
        if key.startswith("Antarctica/"):  # a base's clock: seldom a store's
            continue
        offset = tuple(day.replace(tzinfo=ZoneInfo(key)).utcoffset() for day in days)
        if offset not in seen:
            seen.add(offset)
            chosen.append((key, covers))
    return chosen


def _country_names(written: str) -> set[str]:
    """The names a country goes by in ``iso3166.tab``'s words, folded: as written and without
    what is in brackets (``Britain (UK)``: `britain (uk)`, `britain`). What is in brackets
    is no name of its own: `UK` is also in ``Virgin Islands (UK)``, `South` in ``Korea
    (South)``."""
    whole = written.casefold()
    return {whole, whole.partition(" (")[0]}


def _country_tables() -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]] | None:
    """The time-zone database's countries (code -> name) and each country's zones (code ->
    [(key, what it covers)]), from the first folder of ``zoneinfo.TZPATH`` that has them,
    else the ``tzdata`` package; None where neither has them."""
    tables = _tables("iso3166.tab", "zone.tab")
    if tables is None:
        return None
    countries, zones = tables
    names = dict(_columns(countries, 2))
    by_country: dict[str, list[tuple[str, str]]] = {}
    for code, _place, key, *covers in _columns(zones, 4):
        by_country.setdefault(code, []).append((key, covers[0] if covers else ""))
    return names, by_country


def _columns(table: str, most: int) -> Iterator[list[str]]:
    """The rows of a tab-separated table of the time-zone database, its comments left out."""
    for line in table.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t", most - 1)


def _slipped_in(region: str, named: str, known: frozenset[str]) -> list[str]:
    """The zones of ``region`` (small letters) whose city ``named`` is one slip of a letter
    from, however short: written after its region (`Europe/Oslp`, `America/Lma`), a city is
    sought among that region's few, where a short word is not another place's. Sought in every
    region with :func:`_one_slip`'s five letters, such names had been offered nothing, where
    the key nearest by its letters had been Europe/Oslo and America/Lima (found by review)."""
    return sorted(
        zone
        for zone in known
        if _region(zone) == region and _one_slip(named, zone.rpartition("/")[2].casefold(), 1)
    )


def _one_slip(written: str, city: str, shortest: int = 5) -> bool:
    """Whether ``written`` is ``city`` or one slip of a letter from it (changed, added, left
    out, two swapped), both of ``shortest`` letters or more (five unless a region narrows the
    search), its numbers the same (:data:`_DIGITS`): difflib's closeness alone offered
    `Bern` Europe/Berlin, `Atlanta` Canada/Atlantic (an hour off), `Colombia` Asia/Colombo
    and `AEST` (Australia's eastern time) EST, New York's winter clock; a place other than
    the one meant is worse than none (found by review)."""
    if written == city:
        return True
    if _DIGITS.findall(written) != _DIGITS.findall(city):  # `Etc/GMT+15` is no `Etc/GMT+5`:
        return False  # a number or its sign changed is another offset, not a slip

    def shorter(word: str) -> set[str]:  # the word, and it with each letter left out
        return {word, *(word[:at] + word[at + 1 :] for at in range(len(word)))}

    return min(len(written), len(city)) >= shortest and bool(shorter(written) & shorter(city))


_DIGITS = re.compile(r"[+-]?[0-9]+")
"""The numbers in a zone's name with their signs: an offset's (`Etc/GMT+5`), which no slip of
a letter changes; `Etc/GMT+15` and `Etc/GMT+13`, offsets the database has not, had been
offered `Etc/GMT+5` and `Etc/GMT+3`, ten hours off, and `Etc/GMT-13`, twenty-six."""
