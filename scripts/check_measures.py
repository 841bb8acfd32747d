#!/usr/bin/env python3
"""Check the survey catalogues, the measure bank and the item-to-measure mappings.

A data-authoring aid for "one answer, many surveys" (SYSTEMS.md S6); the server gets its own
C++ validator. Standard library only. Run from anywhere:

    python3 scripts/check_measures.py            # the default catalogues and measures/
    python3 scripts/check_measures.py --root DIR

It reads
  catalog/fy2026, catalog/ppc-fy2026, catalog/nco-fy2026   (docs/CATALOG_FORMAT.md)
  measures/bank.txt                                        ([measure <id>] blocks)
  measures/<catalogue id>.map                              (item relation measure [transform])
prints `file:line: message` for every problem, then a summary, and exits 1 if there was a problem.
"""

import argparse
import os
import re
import sys
from collections import Counter, defaultdict

CATALOGS = ["fy2026", "ppc-fy2026", "nco-fy2026"]
SAMPLE_RULES = {
    # family: (id prefix, min questions, min categories, max categories, source must start with)
    "ppc": ("ppc-", 42, 5, 7, "【サンプル】"),
    "nco": ("nco-", 42, 6, 7, "【サンプル】"),
}
SAMPLE_MIN_TYPES = {"single": 2, "multi": 1, "number": 2, "date": 1, "maturity": 1}

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
OPTION_KEY_RE = re.compile(r"^[a-z0-9_]+$")
UNIT_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TYPES = {"yes_no", "single", "multi", "number", "percent", "date", "text", "maturity"}
CHOICE = {"single", "multi"}
GUIDELINE = {"1", "2", "3", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4",
             "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6",
             "8.1", "8.2", "8.3", "8.4", "9.1", "9.2", "9.3"}
BODY_SUBJECTS = {
    "body.network_model": {"alpha", "alpha_prime", "beta", "beta_prime"},
    "body.type": {"prefecture", "designated_city", "special_ward", "city", "town", "village",
                  "union", "independent_agency"},
    "body.core_city": {"yes", "no"},
    "body.population_band": {"lt10k", "10k_50k", "50k_100k", "100k_300k", "300k_1m", "ge1m"},
}
CATALOG_KEYS = {"fiscal_year", "title.ja", "title.en", "previous", "questions_from", "family", "sample"}
CATEGORY_KEYS = {"name.ja", "name.en"}
QUESTION_REQUIRED = ["category", "guideline", "type", "text.ja", "text.en", "help.ja", "help.en",
                     "reason.ja", "reason.en"]
QUESTION_KEYS = set(QUESTION_REQUIRED) | {
    "required", "na", "min", "max", "unit.ja", "unit.en", "unit", "per", "max_length", "show_if",
    "implemented", "lineage", "reference_rate", "source"}
MEASURE_REQUIRED = ["definition.ja", "definition.en", "type", "steward", "version", "state"]
MEASURE_KEYS = set(MEASURE_REQUIRED) | {"unit", "per"}
RELATIONS = ["equal", "subset", "superset", "intersect"]
PERIODS = {"year", "month"}
PER_FACTOR = {("month", "year"): 12.0, ("year", "month"): 1.0 / 12.0}
STEWARDS = {"mic", "ppc", "nco"}
STATES = {"agreed", "proposed"}

problems = []


def problem(file, line, msg):
    problems.append(f"{file}:{line}: {msg}")


def number(s):
    try:
        v = float(s)
    except ValueError:
        return None
    return v if v == v and v not in (float("inf"), float("-inf")) else None


class Block:
    def __init__(self, file, line, kind, bid):
        self.file, self.line, self.kind, self.id = file, line, kind, bid
        self.keys = {}  # key -> (value, line)

    def get(self, key, default=None):
        return self.keys[key][0] if key in self.keys else default

    def line_of(self, key):
        return self.keys[key][1] if key in self.keys else self.line

    def with_prefix(self, prefix):
        return sorted(((k[len(prefix):], v, ln) for k, (v, ln) in self.keys.items() if k.startswith(prefix)),
                      key=lambda t: t[2])


def read_text(path, rel):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(rel, 1, f"not UTF-8 ({e})")
        text = raw.decode("utf-8", "replace")
    if "\r" in text:
        problem(rel, text[: text.index("\r")].count("\n") + 1, "CR line end: use LF only")
    if text and not text.endswith("\n"):
        problem(rel, text.count("\n") + 1, "file does not end with a line feed")
    return text.split("\n")


def read_blocks(path, rel, kinds):
    blocks, cur = [], None
    for n, raw in enumerate(read_text(path, rel), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^\[(\S+)\s+(\S+)\]$", line)
        if m:
            if m.group(1) not in kinds:
                problem(rel, n, f"unknown block kind '{m.group(1)}' (expected {', '.join(sorted(kinds))})")
            cur = Block(rel, n, m.group(1), m.group(2))
            blocks.append(cur)
            continue
        if line.startswith("["):
            problem(rel, n, f"malformed block header: {line}")
            cur = None
            continue
        if "=" not in line:
            problem(rel, n, "expected 'key = value'")
            continue
        key, value = line.split("=", 1)
        key, value = key.strip(), value.strip()
        if cur is None:
            problem(rel, n, f"'{key}' outside a block")
            continue
        if not key:
            problem(rel, n, "empty key")
            continue
        if key in cur.keys:
            problem(rel, n, f"duplicate key '{key}' (first on line {cur.keys[key][1]})")
            continue
        cur.keys[key] = (value, n)
    return blocks


def parse_pair(b, key, value, line):
    parts = value.split("|")
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        problem(b.file, line, f"'{key}' must be '日本語 | English'")


class Question:
    def __init__(self, b):
        self.b = b
        self.id = b.id
        self.type = b.get("type")
        self.options = [k for k, _, _ in b.with_prefix("option.")]
        self.unit = b.get("unit")
        self.per = b.get("per")
        self.category = b.get("category")

    def unit_code(self):
        return self.unit or ("percent" if self.type == "percent" else None)


class Catalog:
    def __init__(self, cid):
        self.id = cid
        self.header = None
        self.categories = {}
        self.questions = {}
        self.order = []


def load_catalog(root, name):
    d = os.path.join(root, "catalog", name)
    if not os.path.isdir(d):
        problem(os.path.join("catalog", name), 0, "catalogue folder missing")
        return None
    files = sorted(f for f in os.listdir(d) if f.endswith(".txt"))
    if "catalog.txt" in files:
        files.remove("catalog.txt")
        files.insert(0, "catalog.txt")
    else:
        problem(os.path.join("catalog", name), 0, "catalog.txt missing")
    blocks = []
    for f in files:
        rel = os.path.join("catalog", name, f)
        blocks += read_blocks(os.path.join(d, f), rel, {"catalog", "category", "question"})
    cat = Catalog(name)
    for b in blocks:
        if b.kind == "catalog":
            if cat.header:
                problem(b.file, b.line, "second [catalog] block")
                continue
            cat.header = b
    h = cat.header
    if not h:
        problem(os.path.join("catalog", name, "catalog.txt"), 1, "no [catalog] block")
        return cat
    if h.id != name:
        problem(h.file, h.line, f"catalogue id '{h.id}' differs from its folder '{name}'")
    for k, (_, ln) in h.keys.items():
        if k not in CATALOG_KEYS:
            problem(h.file, ln, f"unknown catalogue key '{k}'")
    for k in ("fiscal_year", "title.ja", "title.en"):
        if k not in h.keys:
            problem(h.file, h.line, f"missing '{k}'")
    fy = number(h.get("fiscal_year", ""))
    if fy is None or fy != int(fy) or not 2000 <= fy <= 2100:
        problem(h.file, h.line_of("fiscal_year"), "fiscal_year must be a year 2000–2100")
    family = h.get("family", "mic")
    sample = h.get("sample", "false")
    if sample not in ("true", "false"):
        problem(h.file, h.line_of("sample"), "sample must be true or false")
    if family not in STEWARDS:
        problem(h.file, h.line_of("family"), f"unknown family '{family}' (mic, ppc, nco)")
    if family in SAMPLE_RULES:
        if sample != "true":
            problem(h.file, h.line_of("sample"), f"the {family} catalogue is a sample: 'sample = true'")
        if not h.get("title.ja", "").startswith("【サンプル】"):
            problem(h.file, h.line_of("title.ja"), "a sample's title.ja starts with 【サンプル】")
        if not h.get("title.en", "").startswith("[Sample]"):
            problem(h.file, h.line_of("title.en"), "a sample's title.en starts with [Sample]")
        if "previous" in h.keys:
            problem(h.file, h.line_of("previous"), "a sample catalogue has no previous catalogue")
    cat.family, cat.sample = family, sample == "true"
    has_previous = "previous" in h.keys

    for b in blocks:
        if b.kind != "category":
            continue
        n = number(b.id)
        if n is None or n != int(n) or not 1 <= n <= 99:
            problem(b.file, b.line, f"category number '{b.id}' must be an integer 1–99")
            continue
        n = int(n)
        if n in cat.categories:
            problem(b.file, b.line, f"category {n} defined twice")
        cat.categories[n] = b
        for k, (_, ln) in b.keys.items():
            if k not in CATEGORY_KEYS:
                problem(b.file, ln, f"unknown category key '{k}'")
        for k in CATEGORY_KEYS:
            if not b.get(k):
                problem(b.file, b.line, f"category {n}: missing '{k}'")
    nums = sorted(cat.categories)
    if nums != list(range(1, len(nums) + 1)) or not nums:
        problem(h.file, 1, f"categories must run 1..N without a gap (found {nums})")
    if family in SAMPLE_RULES:
        _, _, lo, hi, _ = SAMPLE_RULES[family]
        if not lo <= len(nums) <= hi:
            problem(h.file, h.line, f"{len(nums)} categories; expected {lo}–{hi}")

    for b in blocks:
        if b.kind != "question":
            continue
        q = Question(b)
        if not ID_RE.match(q.id) or len(q.id) > 64:
            problem(b.file, b.line, f"bad question id '{q.id}'")
        if q.id in cat.questions:
            problem(b.file, b.line, f"duplicate question id '{q.id}'")
            continue
        cat.questions[q.id] = q
        cat.order.append(q.id)
        check_question(cat, q, has_previous)
    if not cat.questions:
        problem(h.file, 1, "no questions")
    for qid in cat.order:
        check_show_if(cat, cat.questions[qid])
    check_cycles(cat)

    if family in SAMPLE_RULES:
        prefix, min_q, _, _, _ = SAMPLE_RULES[family]
        if len(cat.questions) < min_q:
            problem(h.file, h.line, f"{len(cat.questions)} questions; a sample needs at least {min_q}")
        types = Counter(q.type for q in cat.questions.values())
        for t, n in SAMPLE_MIN_TYPES.items():
            if types[t] < n:
                problem(h.file, h.line, f"{types[t]} '{t}' questions; a sample needs at least {n}")
        if types["yes_no"] * 2 <= len(cat.questions):
            problem(h.file, h.line, "a sample should be mostly yes_no questions")
        if family == "nco" and not any(q.type == "number" and q.per == "month" for q in cat.questions.values()):
            problem(h.file, h.line, "the NCO sample needs a number question counted per month")
    return cat


def check_question(cat, q, has_previous):
    b = q.b
    for k, (_, ln) in b.keys.items():
        if k not in QUESTION_KEYS and not k.startswith("option."):
            problem(b.file, ln, f"{q.id}: unknown key '{k}'")
    for k in QUESTION_REQUIRED:
        if not b.get(k):
            problem(b.file, b.line, f"{q.id}: missing '{k}'")
    c = number(q.category or "")
    if c is None or c != int(c) or int(c) not in cat.categories:
        problem(b.file, b.line_of("category"), f"{q.id}: category '{q.category}' is not a [category] of the catalogue")
    if b.get("guideline") not in GUIDELINE:
        problem(b.file, b.line_of("guideline"), f"{q.id}: unknown guideline chapter '{b.get('guideline')}'")
    if q.type not in TYPES:
        problem(b.file, b.line_of("type"), f"{q.id}: unknown type '{q.type}'")
    for k in ("required", "na"):
        if k in b.keys and b.get(k) not in ("true", "false"):
            problem(b.file, b.line_of(k), f"{q.id}: '{k}' must be true or false")
    opts = b.with_prefix("option.")
    for key, value, ln in opts:
        if not OPTION_KEY_RE.match(key):
            problem(b.file, ln, f"{q.id}: bad option key '{key}'")
        parse_pair(b, "option." + key, value, ln)
    if q.type in CHOICE and len(opts) < 2:
        problem(b.file, b.line, f"{q.id}: a {q.type} question needs at least 2 options")
    if q.type not in CHOICE and opts:
        problem(b.file, b.line, f"{q.id}: options are only for single/multi")
    numeric = q.type in ("number", "percent")
    for k in ("min", "max"):
        if k in b.keys:
            if not numeric:
                problem(b.file, b.line_of(k), f"{q.id}: '{k}' only for number/percent")
            elif number(b.get(k)) is None:
                problem(b.file, b.line_of(k), f"{q.id}: '{k}' is not a number")
    if numeric and number(b.get("min", "0")) is not None and number(b.get("max", "1e12")) is not None:
        if number(b.get("min", "0")) > number(b.get("max", "1e12")):
            problem(b.file, b.line, f"{q.id}: min above max")
    if "unit" in b.keys:
        if not numeric:
            problem(b.file, b.line_of("unit"), f"{q.id}: 'unit' only for number/percent")
        elif not UNIT_RE.match(q.unit):
            problem(b.file, b.line_of("unit"), f"{q.id}: bad unit code '{q.unit}'")
        elif q.type == "percent" and q.unit != "percent":
            problem(b.file, b.line_of("unit"), f"{q.id}: a percent question's unit is 'percent'")
    if "per" in b.keys:
        if q.type != "number":
            problem(b.file, b.line_of("per"), f"{q.id}: 'per' only for number")
        elif q.per not in PERIODS:
            problem(b.file, b.line_of("per"), f"{q.id}: per must be year or month")
    if "max_length" in b.keys and q.type != "text":
        problem(b.file, b.line_of("max_length"), f"{q.id}: max_length only for text")
    impl = b.get("implemented")
    if impl is not None:
        ln = b.line_of("implemented")
        if impl.startswith(">="):
            if q.type not in ("maturity", "number", "percent"):
                problem(b.file, ln, f"{q.id}: '>=N' only for maturity/number/percent")
            elif number(impl[2:].strip()) is None:
                problem(b.file, ln, f"{q.id}: '>=' needs a number")
        else:
            for key in impl.split(","):
                key = key.strip()
                ok = key in ("yes", "no") if q.type == "yes_no" else (q.type in CHOICE and key in q.options)
                if not ok:
                    problem(b.file, ln, f"{q.id}: implemented '{key}' is not an answer of this question")
    elif q.type == "yes_no" and cat.family in SAMPLE_RULES:
        pass  # informational yes_no questions (e.g. "do you ... at all?") are allowed
    if "lineage" in b.keys and not has_previous:
        problem(b.file, b.line_of("lineage"), f"{q.id}: 'lineage' but the catalogue has no previous")
    if has_previous and "lineage" not in b.keys:
        problem(b.file, b.line, f"{q.id}: missing 'lineage'")
    if cat.family in SAMPLE_RULES:
        prefix, _, _, _, src = SAMPLE_RULES[cat.family]
        if not q.id.startswith(prefix):
            problem(b.file, b.line, f"{q.id}: ids in this sample start with '{prefix}'")
        if not b.get("source", "").startswith(src):
            problem(b.file, b.line_of("source"), f"{q.id}: a sample question's source starts with {src}")
        if "reference_rate" in b.keys:
            problem(b.file, b.line_of("reference_rate"), f"{q.id}: no reference_rate in a sample")


def check_show_if(cat, q):
    b = q.b
    expr = b.get("show_if")
    if expr is None:
        return
    ln = b.line_of("show_if")
    q.refs = []
    for part in expr.split(" and "):
        bits = part.strip().split(" ", 2)
        if len(bits) != 3:
            problem(b.file, ln, f"{q.id}: cannot read condition '{part}'")
            continue
        subject, op, values = bits
        if op not in ("=", "!=", "in", "has"):
            problem(b.file, ln, f"{q.id}: unknown operator '{op}'")
            continue
        vals = [v.strip() for v in values.split(",")] if op == "in" else [values.strip()]
        if subject in BODY_SUBJECTS:
            if op == "has":
                problem(b.file, ln, f"{q.id}: 'has' needs a multi question")
            for v in vals:
                if v not in BODY_SUBJECTS[subject]:
                    problem(b.file, ln, f"{q.id}: '{v}' is not a value of {subject}")
        elif subject.startswith("q:"):
            t = cat.questions.get(subject[2:])
            if not t:
                problem(b.file, ln, f"{q.id}: show_if names '{subject[2:]}', not a question of {cat.id}")
                continue
            q.refs.append(t.id)
            if op == "has" and t.type != "multi":
                problem(b.file, ln, f"{q.id}: 'has' needs a multi question")
            for v in vals:
                ok = (v in ("yes", "no")) if t.type == "yes_no" else (v in t.options if t.type in CHOICE else True)
                if not ok:
                    problem(b.file, ln, f"{q.id}: '{v}' is not an answer of {t.id}")
        else:
            problem(b.file, ln, f"{q.id}: unknown subject '{subject}'")


def check_cycles(cat):
    color = {}

    def visit(qid):
        color[qid] = 1
        for r in getattr(cat.questions[qid], "refs", []):
            if color.get(r) == 1:
                return qid
            if color.get(r) is None:
                bad = visit(r)
                if bad:
                    return bad
        color[qid] = 2
        return None

    for qid in cat.order:
        if color.get(qid) is None:
            bad = visit(qid)
            if bad:
                q = cat.questions[bad]
                problem(q.b.file, q.b.line, f"{bad}: show_if cycle")


class Measure:
    def __init__(self, b):
        self.b = b
        self.id = b.id
        self.type = b.get("type")
        self.options = [k for k, _, _ in b.with_prefix("option.")]
        self.unit = b.get("unit")
        self.per = b.get("per")

    def unit_code(self):
        return self.unit or ("percent" if self.type == "percent" else None)


def load_bank(root):
    rel = os.path.join("measures", "bank.txt")
    path = os.path.join(root, rel)
    if not os.path.isfile(path):
        problem(rel, 0, "missing")
        return {}
    bank = {}
    for b in read_blocks(path, rel, {"measure"}):
        m = Measure(b)
        if not ID_RE.match(m.id) or len(m.id) > 64:
            problem(b.file, b.line, f"bad measure id '{m.id}'")
        elif "." not in m.id:
            problem(b.file, b.line, f"measure id '{m.id}' should read <area>.<name>")
        if m.id in bank:
            problem(b.file, b.line, f"duplicate measure '{m.id}' (first on line {bank[m.id].b.line})")
            continue
        bank[m.id] = m
        for k, (_, ln) in b.keys.items():
            if k not in MEASURE_KEYS and not k.startswith("option."):
                problem(b.file, ln, f"{m.id}: unknown key '{k}'")
        for k in MEASURE_REQUIRED:
            if not b.get(k):
                problem(b.file, b.line, f"{m.id}: missing '{k}'")
        if m.type not in TYPES:
            problem(b.file, b.line_of("type"), f"{m.id}: unknown type '{m.type}'")
        opts = b.with_prefix("option.")
        for key, value, ln in opts:
            if not OPTION_KEY_RE.match(key):
                problem(b.file, ln, f"{m.id}: bad option key '{key}'")
            parse_pair(b, "option." + key, value, ln)
        if m.type in CHOICE and len(opts) < 2:
            problem(b.file, b.line, f"{m.id}: a {m.type} measure needs at least 2 options")
        if m.type not in CHOICE and opts:
            problem(b.file, b.line, f"{m.id}: options are only for single/multi")
        if m.type in ("number", "percent"):
            if not m.unit:
                problem(b.file, b.line, f"{m.id}: a {m.type} measure needs 'unit'")
            elif not UNIT_RE.match(m.unit):
                problem(b.file, b.line_of("unit"), f"{m.id}: bad unit code '{m.unit}'")
            elif m.type == "percent" and m.unit != "percent":
                problem(b.file, b.line_of("unit"), f"{m.id}: a percent measure's unit is 'percent'")
        elif m.unit:
            problem(b.file, b.line_of("unit"), f"{m.id}: 'unit' only for number/percent")
        if m.per is not None:
            if m.type != "number":
                problem(b.file, b.line_of("per"), f"{m.id}: 'per' only for number")
            elif m.per not in PERIODS:
                problem(b.file, b.line_of("per"), f"{m.id}: per must be year or month")
        if b.get("steward") and b.get("steward") not in STEWARDS:
            problem(b.file, b.line_of("steward"), f"{m.id}: steward must be mic, ppc or nco")
        v = b.get("version")
        if v is not None and not re.match(r"^[1-9][0-9]*$", v):
            problem(b.file, b.line_of("version"), f"{m.id}: version must be an integer from 1")
        if b.get("state") and b.get("state") not in STATES:
            problem(b.file, b.line_of("state"), f"{m.id}: state must be agreed or proposed")
    return bank


class Mapping:
    def __init__(self, file, line, survey, item, relation, measure, transform):
        self.file, self.line, self.survey = file, line, survey
        self.item, self.relation, self.measure, self.transform = item, relation, measure, transform


def parse_transform(file, ln, toks):
    """None, ('scale', F) or ('map', {item key: measure key}); False when unreadable."""
    if not toks:
        return None
    if toks[0] == "scale":
        if len(toks) != 2 or number(toks[1]) is None or number(toks[1]) <= 0:
            problem(file, ln, "'scale' takes one positive number")
            return False
        return ("scale", number(toks[1]))
    if toks[0] == "map":
        if len(toks) != 2:
            problem(file, ln, "'map' takes one list a=x,b=y (no spaces)")
            return False
        pairs = {}
        for p in toks[1].split(","):
            if p.count("=") != 1 or not all(p.split("=")):
                problem(file, ln, f"'map' pair '{p}' must read item_option=measure_option")
                return False
            a, x = p.split("=")
            if a in pairs:
                problem(file, ln, f"'map' names item option '{a}' twice")
                return False
            pairs[a] = x
        return ("map", pairs)
    problem(file, ln, f"unknown transform '{toks[0]}' (scale F | map a=x,...)")
    return False


def check_compat(mp, q, m):
    """Type, option, unit and period compatibility of item q and measure m under mp.transform."""
    f, ln, tr = mp.file, mp.line, mp.transform
    where = f"{q.id} {mp.relation} {m.id}"
    if tr and tr[0] == "scale":
        if q.type != "number" or m.type != "number":
            problem(f, ln, f"{where}: 'scale' is only for number items and number measures")
            return
        if not q.unit:
            problem(f, ln, f"{where}: a mapped number item needs 'unit' in its catalogue")
        if q.unit and m.unit and q.unit != m.unit:
            pass  # a scale may convert units (e.g. 千円 -> yen); it cannot be checked further
        elif q.per != m.per:
            want = PER_FACTOR.get((q.per, m.per))
            if want is None:
                problem(f, ln, f"{where}: cannot convert per={q.per or '(state)'} to per={m.per or '(state)'}")
            elif abs(tr[1] - want) > 1e-9:
                problem(f, ln, f"{where}: per {q.per} -> {m.per} needs 'scale {want:g}', not {tr[1]:g}")
        elif tr[1] == 1:
            problem(f, ln, f"{where}: 'scale 1' changes nothing; drop it")
        return
    if tr and tr[0] == "map":
        pairs = tr[1]
        if q.type == "yes_no":
            if m.type != "single":
                problem(f, ln, f"{where}: a yes_no item maps only onto a single measure")
                return
            item_keys = ["yes", "no"]
        elif q.type in CHOICE:
            if m.type != q.type:
                problem(f, ln, f"{where}: 'map' needs the same choice type ({q.type} item, {m.type} measure)")
                return
            item_keys = q.options
        else:
            problem(f, ln, f"{where}: 'map' is only for single/multi (or yes_no -> single) items")
            return
        for a in pairs:
            if a not in item_keys:
                problem(f, ln, f"{where}: '{a}' is not an option of {q.id}")
        for a in item_keys:
            if a not in pairs:
                problem(f, ln, f"{where}: 'map' does not cover option '{a}' of {q.id}")
        for a, x in pairs.items():
            if x not in m.options:
                problem(f, ln, f"{where}: '{x}' is not an option of {m.id}")
        targets = Counter(pairs.values())
        for x, n in targets.items():
            if n > 1:
                problem(f, ln, f"{where}: 'map' sends {n} item options to '{x}' (must be one-to-one)")
        if mp.relation == "equal":
            missing = [x for x in m.options if x not in targets]
            if missing:
                problem(f, ln, f"{where}: an equal 'map' must reach every measure option; missing {','.join(missing)}")
        if all(a == x for a, x in pairs.items()) and set(item_keys) == set(m.options):
            problem(f, ln, f"{where}: the 'map' is the identity; drop it")
        return
    # no transform
    if q.type != m.type:
        problem(f, ln, f"{where}: type {q.type} vs {m.type} needs a transform")
        return
    if q.type in CHOICE and set(q.options) != set(m.options):
        problem(f, ln, f"{where}: option keys differ ({','.join(sorted(set(q.options) ^ set(m.options)))}); "
                       "use 'map a=x,...'")
    if q.type == "number":
        if not q.unit:
            problem(f, ln, f"{where}: a mapped number item needs 'unit' in its catalogue")
        elif q.unit != m.unit:
            problem(f, ln, f"{where}: unit {q.unit} vs {m.unit}; use 'scale F' or another measure")
        if q.per != m.per:
            problem(f, ln, f"{where}: per {q.per or '(state)'} vs {m.per or '(state)'}; "
                           f"a mapping between periods ({mp.relation}) needs 'scale F'")
    if q.type == "percent":
        if not q.unit:
            problem(f, ln, f"{where}: a mapped percent item needs 'unit = percent' in its catalogue")
        elif q.unit != m.unit_code():
            problem(f, ln, f"{where}: unit {q.unit} vs {m.unit_code()}")


def load_maps(root, cats, bank):
    maps = []
    mdir = os.path.join(root, "measures")
    present = sorted(f for f in os.listdir(mdir) if f.endswith(".map")) if os.path.isdir(mdir) else []
    for f in present:
        if f[:-4] not in cats:
            problem(os.path.join("measures", f), 0, f"no catalogue '{f[:-4]}' for this map file")
    for cid in CATALOGS:
        rel = os.path.join("measures", cid + ".map")
        path = os.path.join(root, rel)
        if not os.path.isfile(path):
            problem(rel, 0, "missing")
            continue
        cat = cats.get(cid)
        seen = {}
        for n, raw in enumerate(read_text(path, rel), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            toks = line.split()
            if len(toks) < 3:
                problem(rel, n, "expected: item relation measure [transform]")
                continue
            item, relation, measure = toks[:3]
            tr = parse_transform(rel, n, toks[3:])
            if relation not in RELATIONS:
                problem(rel, n, f"unknown relation '{relation}' ({', '.join(RELATIONS)})")
                continue
            if item in seen:
                problem(rel, n, f"item '{item}' already mapped on line {seen[item]}")
                continue
            seen[item] = n
            q = cat.questions.get(item) if cat else None
            m = bank.get(measure)
            if cat and not q:
                problem(rel, n, f"unknown item '{item}' (not a question of {cid})")
            if not m:
                problem(rel, n, f"unknown measure '{measure}'")
            if cat and cat.family == "mic" and relation != "equal":
                problem(rel, n, f"{item}: MIC is the source of the measures; map its items 'equal'")
            mp = Mapping(rel, n, cid, item, relation, measure, tr)
            if q and m and tr is not False:
                check_compat(mp, q, m)
            if q and m:
                maps.append(mp)
    return maps


def check_bank_use(bank, maps, cats):
    by_measure = defaultdict(list)
    for mp in maps:
        by_measure[mp.measure].append(mp)
    for mid, m in bank.items():
        uses = by_measure.get(mid, [])
        surveys = {mp.survey for mp in uses}
        if len(surveys) < 2:
            problem(m.b.file, m.b.line, f"{mid}: mapped from {len(surveys)} survey(s); a measure is shared by at least 2")
    return by_measure


def check_worked_examples(by_measure, cats, bank):
    mic, ppc, nco = CATALOGS
    rel = os.path.join("measures", "bank.txt")

    def rels(mid, survey):
        return [mp for mp in by_measure.get(mid, []) if mp.survey == survey]

    found = {}
    for mid, uses in by_measure.items():
        a, p, n = rels(mid, mic), rels(mid, ppc), rels(mid, nco)
        mic_eq = [mp for mp in a if mp.relation == "equal"]
        if (mic_eq and cats[mic].questions[mic_eq[0].item].type == "yes_no"
                and any(mp.relation == "equal" for mp in p) and any(mp.relation == "equal" for mp in n)):
            found.setdefault("a", []).append(mid)
        if (mic_eq and any(mp.relation == "subset" for mp in p) and any(mp.relation == "superset" for mp in n)):
            found.setdefault("d", []).append(mid)
        for mp in n + p:
            q = cats[mp.survey].questions[mp.item]
            if (mp.relation == "equal" and mp.transform and mp.transform[0] == "scale" and mp.transform[1] == 12
                    and q.per == "month" and bank[mid].per == "year"
                    and any(cats[mic].questions[x.item].per == "year" for x in mic_eq)):
                found.setdefault("b", []).append(f"{mid} ({mp.item})")
    for mp in (x for uses in by_measure.values() for x in uses):
        if mp.transform and mp.transform[0] == "map" and any(a != x for a, x in mp.transform[1].items()):
            found.setdefault("c", []).append(f"{mp.measure} ({mp.item})")
    names = {"a": "a MIC yes_no item equal to a PPC item and to an NCO item",
             "b": "an NCO per-month number equal to a per-year measure with 'scale 12' (MIC item per = year)",
             "c": "a 'map' transform between choice items with different option keys",
             "d": "a measure with a MIC equal item, a PPC subset item and an NCO superset item"}
    for k, text in names.items():
        if k not in found:
            problem(rel, 0, f"worked example ({k}) missing: {text}")
    return found


def summary(cats, bank, maps, by_measure, found):
    out = []
    mic = CATALOGS[0]
    mic_equal_measures = {mp.measure for mp in maps if mp.survey == mic and mp.relation == "equal"}
    out.append("survey          questions  equal subset superset intersect  mapped unmapped | "
               "equal->MIC-measure  partial->MIC-measure  other-shared")
    for cid in CATALOGS:
        cat = cats.get(cid)
        if not cat:
            continue
        ms = [mp for mp in maps if mp.survey == cid]
        rc = Counter(mp.relation for mp in ms)
        eq_mic = sum(1 for mp in ms if mp.relation == "equal" and mp.measure in mic_equal_measures)
        part_mic = sum(1 for mp in ms if mp.relation != "equal" and mp.measure in mic_equal_measures)
        other = sum(1 for mp in ms if mp.measure not in mic_equal_measures)
        if cid == mic:
            eq_mic = part_mic = other = "-"
        out.append(f"{cid:<15} {len(cat.questions):>9}  {rc['equal']:>5} {rc['subset']:>6} {rc['superset']:>8} "
                   f"{rc['intersect']:>9}  {len(ms):>6} {len(cat.questions) - len(ms):>8} | "
                   f"{eq_mic!s:>18}  {part_mic!s:>20}  {other!s:>12}")
    shared = Counter(len({mp.survey for mp in by_measure.get(mid, [])}) for mid in bank)
    pairs = Counter()
    for mid in bank:
        s = tuple(sorted(c.split("-")[0] if "-" in c else "mic" for c in {mp.survey for mp in by_measure.get(mid, [])}))
        pairs["+".join(s)] += 1
    states = Counter(m.b.get("state") for m in bank.values())
    types = Counter(m.type for m in bank.values())
    out.append(f"measures: {len(bank)} ({states['agreed']} agreed, {states['proposed']} proposed); "
               f"shared by 2 surveys: {shared[2]}, by 3 surveys: {shared[3]}")
    out.append("  by survey set: " + ", ".join(f"{k} {v}" for k, v in sorted(pairs.items())))
    out.append("  by type: " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    transforms = Counter(mp.transform[0] for mp in maps if mp.transform)
    out.append(f"transforms: scale {transforms['scale']}, map {transforms['map']}")
    for k in "abcd":
        if k in found:
            out.append(f"worked example ({k}): {', '.join(sorted(found[k]))}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="project root (default: the folder above scripts/)")
    args = ap.parse_args()
    cats = {}
    for name in CATALOGS:
        c = load_catalog(args.root, name)
        if c:
            cats[name] = c
    bank = load_bank(args.root)
    maps = load_maps(args.root, cats, bank)
    by_measure = check_bank_use(bank, maps, cats)
    found = check_worked_examples(by_measure, cats, bank) if len(cats) == len(CATALOGS) else {}
    for p in problems:
        print(p)
    print(("%d problem(s)" % len(problems)) if problems else "no problems")
    print(summary(cats, bank, maps, by_measure, found))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
