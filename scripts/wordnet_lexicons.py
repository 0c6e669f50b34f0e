#!/usr/bin/env python3
"""Generates two word lists of the default rules from WordNet 3.0 (Debian's
`wordnet-base` package, /usr/share/wordnet):

- rules/plural_noun.words: the plural forms of English nouns, regular and
  irregular, each with the lexicographer class of the noun's most frequent
  sense ("fishermen<TAB>person", "sedans<TAB>artifact"). The count rules look a
  counted word up here to find the head of a counted noun phrase.
- rules/measure_unit.words: units of measure, singular and plural, with their
  dimension ("gigawatts<TAB>power", "shekels<TAB>currency"): WordNet's units,
  metric prefixes on the SI units, and their symbols. A figure of one of these
  is a measurement, not a count.

Run it again only to regenerate the lists:

    python3 scripts/wordnet_lexicons.py /usr/share/wordnet rules

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved; its
licence (in the header of rules/*.words) allows use, copy and distribution with
that notice.
"""

import os
import re
import sys

LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "Tops", "act", "animal", "artifact", "attribute",
    "body", "cognition", "communication", "event", "feeling", "food", "group", "location",
    "motive", "object", "person", "phenomenon", "plant", "possession", "process",
    "quantity", "relation", "shape", "state", "substance", "time",
]

# Units under these WordNet synsets (first lemma) have this dimension; the
# nearest one up the hypernym chain wins.
DIMENSIONS = {
    "mass_unit": "mass", "weight_unit": "mass", "linear_unit": "length",
    "area_unit": "area", "volume_unit": "volume", "capacity_unit": "volume",
    "power_unit": "power", "work_unit": "energy", "energy_unit": "energy",
    "pressure_unit": "pressure", "electromotive_force_unit": "voltage",
    "current_unit": "current", "resistance_unit": "resistance",
    "electrical_unit": "electric", "frequency": "frequency", "sound_unit": "sound",
    "temperature_unit": "temperature", "angular_unit": "angle",
    "monetary_unit": "currency", "time_unit": "time", "information_unit": "information",
    "computer_memory_unit": "information", "force_unit": "force",
    "radioactivity_unit": "radioactivity", "light_unit": "light",
    "luminous_flux_unit": "light", "speed_unit": "speed", "rate": "rate",
    "field_strength_unit": "electric", "magnetic_flux_unit": "electric",
    "electric_charge_unit": "electric",
}

# The SI units that take metric prefixes, with their symbols and dimensions.
SI_UNITS = [
    ("gram", "g", "mass"), ("tonne", "t", "mass"), ("ton", "", "mass"),
    ("meter", "m", "length"), ("metre", "m", "length"), ("liter", "l", "volume"),
    ("litre", "L", "volume"), ("watt", "W", "power"), ("watt-hour", "Wh", "energy"),
    ("watt hour", "", "energy"), ("volt", "V", "voltage"), ("ampere", "A", "current"),
    ("amp", "", "current"), ("pascal", "Pa", "pressure"), ("hertz", "Hz", "frequency"),
    ("joule", "J", "energy"), ("byte", "B", "information"), ("bit", "b", "information"),
    ("calorie", "cal", "energy"), ("second", "s", "time"), ("ohm", "", "resistance"),
    ("newton", "N", "force"), ("becquerel", "Bq", "radioactivity"),
    ("sievert", "Sv", "radioactivity"), ("electronvolt", "eV", "energy"),
    ("watt-peak", "Wp", "power"), ("volt-ampere", "VA", "power"), ("bar", "", "pressure"),
]
PREFIXES = [
    ("kilo", "k"), ("mega", "M"), ("giga", "G"), ("tera", "T"), ("peta", "P"),
    ("milli", "m"), ("micro", "µ"), ("nano", "n"), ("centi", "c"), ("deci", "d"),
]
# Symbols one letter long, or that spell common words, stay out.
SYMBOL_WORDS = {"m", "g", "t", "l", "L", "W", "V", "A", "J", "B", "b", "s", "N", "Pa", "cal",
                "Bq", "Sv", "eV", "Wh", "Hz", "Wp", "VA", "ms", "Mb", "mb", "Ms", "ns", "cs",
                "ds", "ks", "Ts", "Ps", "Ga", "Ma", "ma", "nm", "cl", "dl", "Pb", "Tb", "Gb",
                "db", "ca", "Ca", "cm"}
# Units whose names are also common English words, or are not units of a
# figure ("unit", "set point"): left out.
NOT_UNITS = {
    "are", "en", "in", "em", "fifth", "fifths", "frail", "frails", "gee", "gees", "mesh",
    "meshes", "nit", "nits", "bob", "bobs", "bar", "bars", "sent", "sents", "won", "wons",
    "set point", "set points", "match point", "match points", "check bit", "check bits",
    "parity bit", "parity bits", "tod", "tods", "var", "vars", "punt", "punts", "henry",
    "henries", "gilbert", "gilberts", "unit", "units", "measuring unit", "measuring units",
    "metric unit", "metric units", "quantity unit", "quantity units", "printing unit",
    "printing units", "telephone unit", "telephone units", "explosive unit",
    "explosive units", "pain unit", "pain units", "unit of measurement",
    "unit of measurements", "kos", "koses", "sen", "sens", "sene", "senes", "lea", "leas",
    "tanga", "tangas", "dol", "dols", "nibble", "hin", "hins", "kor", "kors", "mongo",
    "mongos", "cicero", "sabin", "sabins", "oka", "okas", "pul", "puls", "kwai", "kwais",
    "footer", "miler", "milers", "fen", "fens", "hao", "haos", "avo", "avos", "coss",
    "cosses", "loti", "lotis", "mil", "mils", "tala", "talas", "mho", "mhos",
}
EXTRA_UNITS = [
    ("decibel", "dB", "sound"), ("gigatonne", "Gt", "mass"), ("megatonne", "Mt", "mass"),
    ("kilotonne", "kt", "mass"), ("parts per million", "ppm", "ratio"),
    ("parts per billion", "ppb", "ratio"), ("square mile", "", "area"),
    ("square kilometre", "", "area"), ("square kilometer", "", "area"),
    ("square metre", "", "area"), ("square meter", "", "area"), ("square foot", "", "area"),
    ("cubic metre", "", "volume"), ("cubic meter", "", "volume"), ("cubic foot", "", "volume"),
    ("horsepower", "hp", "power"), ("kilometre per hour", "km/h", "speed"),
    ("mile per hour", "mph", "speed"), ("kph", "", "speed"), ("percent", "", "ratio"),
    ("per cent", "", "ratio"), ("percentage point", "", "ratio"), ("basis point", "", "ratio"),
    ("knot", "", "speed"), ("megapixel", "MP", "information"),
]

# Symbols written with their plural or a full stop, which WordNet leaves out:
# "3 lbs", "5 lb.".
EXTRA_SYMBOLS = [("lbs", "mass"), ("lbs.", "mass"), ("lb.", "mass"), ("ozs", "mass")]

def regular_plural(word):
    if word.endswith("man") and not word.endswith(("human", "shaman", "german", "talisman",
                                                    "caiman", "ottoman", "dolman")):
        return word[:-3] + "men"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def plural_forms(lemma, irregular):
    if lemma in irregular:
        return irregular[lemma]
    return [regular_plural(lemma)]


def plural(phrase):
    """The plural of a unit's name: its last word's, or its first before "per"."""
    if " per " in phrase:
        head, rest = phrase.split(" per ", 1)
        return plural(head) + " per " + rest
    words = phrase.split(" ")
    if words[-1].endswith("s") or words[-1] in ("hertz", "horsepower", "kph", "mph", "percent", "cent"):
        return phrase
    if words[-1] == "foot":
        return " ".join(words[:-1] + ["feet"])
    words[-1] = regular_plural(words[-1])
    return " ".join(words)


def read_data(wordnet):
    """offset -> (lexname, words, hypernym offsets)"""
    synsets = {}
    with open(os.path.join(wordnet, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, lexnum = fields[0], int(fields[1])
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i] for i in range(count)]
            k = 4 + 2 * count
            pointers = int(fields[k])
            hypernyms = []
            for p in range(pointers):
                symbol, target = fields[k + 1 + 4 * p], fields[k + 2 + 4 * p]
                if symbol in ("@", "@i"):
                    hypernyms.append(target)
            synsets[offset] = (LEXNAMES[lexnum], words, hypernyms)
    return synsets


def ancestors(offset, synsets):
    """The synset and every synset above it, each once, depth first."""
    seen, todo = set(), [offset]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        yield synsets[current]
        todo.extend(reversed(synsets[current][2]))


def dimension(offset, synsets):
    for _, words, _ in ancestors(offset, synsets):
        for w in words:
            if w.lower() in DIMENSIONS:
                return DIMENSIONS[w.lower()]
    return None


def under_unit_of_measurement(offset, synsets):
    return any("unit_of_measurement" in [w.lower() for w in words]
               for _, words, _ in ancestors(offset, synsets))


def main(wordnet, out):
    synsets = read_data(wordnet)
    irregular = {}
    with open(os.path.join(wordnet, "noun.exc"), encoding="latin-1") as f:
        for line in f:
            form, base = line.split()[:2]
            irregular.setdefault(base, []).append(form)
    plurals = {}
    units = {}
    word = re.compile(r"^[a-z][a-z-]*[a-z]$")
    with open(os.path.join(wordnet, "index.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0]
            senses = int(fields[2])
            offsets = fields[-senses:]
            first = synsets[offsets[0]]
            lexname = first[0]
            # A unit of measure is one whose most frequent sense is one.
            if lexname in ("quantity", "time") and under_unit_of_measurement(offsets[0], synsets):
                dim = dimension(offsets[0], synsets) or "measure"
                name = lemma.replace("_", " ")
                # A lemma's own spelling, as WordNet writes it in the synset.
                spelled = [w for w in first[1] if w.lower() == lemma] or [name]
                name = re.sub(r"\(.*\)$", "", spelled[0]).replace("_", " ")
                units.setdefault(name, dim)
                if not re.search(r"[A-Z]", name) and len(name) > 2:
                    units.setdefault(plural(name), dim)
            if word.match(lemma) and len(lemma) > 1:
                for form in plural_forms(lemma, irregular):
                    plurals.setdefault(form, lexname)
    for name, symbol, dim in SI_UNITS:
        for prefix, sym in PREFIXES:
            units.setdefault(prefix + name, dim)
            units.setdefault(plural(prefix + name), dim)
            if symbol:
                units.setdefault(sym + symbol, dim)
        units.setdefault(name, dim)
        units.setdefault(plural(name), dim)
    for name, symbol, dim in EXTRA_UNITS:
        units[name] = dim
        units[plural(name)] = dim
        if symbol:
            units[symbol] = dim
    for symbol, dim in EXTRA_SYMBOLS:
        units[symbol] = dim
    units = {u: d for u, d in units.items()
             if u not in SYMBOL_WORDS and u not in NOT_UNITS and len(u) > 1}
    notice = (
        "# Generated by scripts/wordnet_lexicons.py from WordNet 3.0; do not edit by hand.\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        "# Permission to use, copy, modify and distribute WordNet for any purpose and\n"
        "# without fee or royalty is granted, provided that this copyright notice\n"
        "# appears on all copies (see /usr/share/doc/wordnet-base/copyright).\n"
    )
    with open(os.path.join(out, "plural_noun.words"), "w", encoding="utf-8") as f:
        f.write("# The plural forms of English nouns, with the lexicographer class of\n"
                "# each noun's most frequent sense (person, artifact, group...).\n")
        f.write(notice)
        for form in sorted(plurals):
            f.write(f"{form}\t{plurals[form]}\n")
    with open(os.path.join(out, "measure_unit.words"), "w", encoding="utf-8") as f:
        f.write("# Units of measure, singular and plural, with their dimension: WordNet's\n"
                "# units of measurement, metric prefixes on the SI units, and symbols.\n")
        f.write(notice)
        for unit in sorted(units):
            f.write(f"{unit}\t{units[unit]}\n")
    print(f"{len(plurals)} plural nouns, {len(units)} units of measure", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet",
         sys.argv[2] if len(sys.argv) > 2 else "rules")
