"""Find sentences of ours that closely paraphrase a sentence of the source documents.

`originality` (../shared/tools/originality) catches runs of ten or more identical words. A sentence can
pass it and still be the source's sentence with a few words swapped: same clauses, same order, same
content words, a synonym here and there. This checker looks for that.

Method (standard library only):

1. Both sides are cut into sentences: at end punctuation, blank lines, list items, table cells, headings
   and YAML keys. Markup is dropped first (link targets, attribute lists, code, YAML keys and the values
   of keys that hold identifiers or paths).
2. Each sentence becomes a list of *content stems*: lower-cased words, stop words and numbers removed,
   a crude suffix-stripping stemmer applied ("organisational" and "organizations" meet at "organiz").
   Names are facts, not phrasing, so each name counts as a single stem: the Toolkit's document titles,
   a few fixed terms ("oversight committee", "chief of police") and any run of capitalised words.
3. Each of our sentences with at least MIN_STEMS content stems is compared with every source sentence
   (and pair of neighbouring sentences, since we may merge two) that shares enough stems with it. The
   score is 2 * M / (len(ours) + stretch): M is the number of our stems that the source sentence holds
   *in the same order* (difflib's matching blocks), and stretch is the length of the part of the source
   sentence that those matches span. A sentence reworded a few words at a time keeps its order and
   scores high; the same facts told in a new structure (other clauses, another order, a table instead
   of a sentence) score lower, and so do stems scattered through a long source sentence.
4. Pairs at or above THRESHOLD are reported as `file:line: score: our sentence || source sentence`.

Calibration (issue 14): on the pages before the rewrite, the passages the review named scored 0.53-0.92
(the focal point's partners 0.92, the activity lists 0.56-0.86, strategy steps 3, 8 and 12 0.60-0.74,
the list of what to publish 0.82, the openings of the culture and people pages up to 0.62). At 0.60,
68 sentences were reported, nearly all of them sentences that track a source sentence clause by clause;
the few false alarms were lists of names (regional laws, the stages of the life cycle, a citation).
Below 0.55 most pairs are the same facts in a different structure. `--threshold 0.5` shows the grey
zone for a manual look. Lists of fewer than MIN_STEMS content stems (short bullets) are not judged.

usage: python -m tests.support.paraphrase [PATH ...] [--sources DIR] [--threshold T] [--min-stems N]
       (PATH defaults to docs and toolkit_content; exit 1 if any pair reaches the threshold)
"""
from __future__ import annotations

import argparse
import itertools
import re
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

THRESHOLD = 0.60
MIN_STEMS = 8
TEXT_SUFFIXES = {".md", ".yml", ".yaml"}

STOP_WORDS = frozenset([
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "either", "even", "ever", "every",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "least", "less",
    "may", "might", "more", "most", "much", "must", "my", "neither", "no", "nor", "not", "now", "of", "off",
    "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "per", "rather", "same",
    "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under", "until", "up",
    "upon", "us", "very", "via", "was", "we", "well", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
    "your", "yours", "also", "etc", "e.g", "i.e", "eg", "ie",
])

WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# Suffixes stripped by the crude stemmer, longest first; a stem keeps at least three letters.
SUFFIXES = (
    "izations", "isations", "ization", "isation", "ational", "ations", "ation", "ements", "ement",
    "ments", "ment", "nesses", "ness", "ities", "ity", "ively", "ive", "ings", "ing", "izes", "ises",
    "ized", "ised", "ize", "ise", "ies", "ied", "ed", "es", "ers", "er", "ly", "al", "s",
)


def stem(word: str) -> str:
    word = word.replace("’", "'").split("'")[0]
    word = re.sub(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|ational|ationally)$", r"iz\1", word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# Names are facts, not phrasing: each counts as one stem, so that a sentence is not judged close to the
# source merely because both spell out "Responsible AI Innovation in Action Workbook".
NAMES = re.compile("|".join(r"\b" + n.replace(" ", r"[\s-]+") + r"\b" for n in (
    r"(?:toolkit for )?responsible ai innovation in (?:law enforcement|action workbook)",
    r"principles for responsible ai innovation", r"introduction to responsible ai innovation",
    r"organi[sz]ational (?:roadmap|readiness assessment(?: questionnaire)?)",
    r"risk assessment questionnaire", r"technical reference book",
    r"(?:responsible ai innovation )?oversight committee", r"responsible ai(?: innovation)?",
    r"technology and innovation (?:teams?|units?)", r"chiefs? of police", r"executive leadership",
    r"law enforcement(?: agenc(?:y|ies))?", r"data protection (?:officers?|impact assessments?)",
    r"human rights(?: impact assessments?)?", r"public relations", r"artificial intelligence",
    r"life[\s-]+cycle", r"use cases?", r"ai systems?",
)), re.I)


# Any other run of two or more capitalised words ("General Data Protection Regulation", "San Diego
# Union-Tribune") is a proper name too.
PROPER = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|on|the|in|&)\s+)*[A-Z][\w’'-]*)+")


def _name_token(match: re.Match) -> str:
    return " name" + re.sub(r"[^a-z]+", "", match.group(0).lower()) + " "


def stems(text: str) -> list[str]:
    text = PROPER.sub(_name_token, NAMES.sub(_name_token, text))
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1]


# ---------------------------------------------------------------------------------------------- parsing

@dataclass(frozen=True)
class Sentence:
    path: str
    line: int
    text: str
    stems: tuple[str, ...]


BOUNDARY = "\x00"
SENTENCE_END = re.compile(r"(?<=[.!?;])[\"')\]]*\s+|\n\s*\n|\s*[|\x00•]\s*|\s+[-–—]\s+(?=[A-Z])")


def _split(text: str, path: str, line_of) -> list[Sentence]:
    out = []
    pos = 0
    for match in list(SENTENCE_END.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            clean = " ".join(chunk.split())
            out.append(Sentence(path, line_of(pos + lead), clean, tuple(stems(clean))))
        pos = match.end() if match else len(text)
    return out


def _line_index(text: str):
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1
    return line_of


def _blank(match: re.Match) -> str:
    """Replace markup with spaces, keeping newlines so that offsets still map to lines."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _cut(match: re.Match) -> str:
    """Replace markup that starts a new sentence (a key, a list marker, a heading) with a boundary."""
    blank = _blank(match)
    return blank.replace(" ", BOUNDARY, 1)


# (pattern, cut): with cut=True the markup also ends the sentence before it.
MARKDOWN_MARKUP = [
    (re.compile(r"^```.*?^```", re.S | re.M), True),            # fenced code
    (re.compile(r"<!--.*?-->", re.S), True),                     # comments
    (re.compile(r"`[^`\n]*`"), False),                           # inline code
    (re.compile(r"\]\([^)\n]*\)"), False),                       # link targets (the link text stays)
    (re.compile(r"\{[:#.][^}\n]*\}"), False),                    # attribute lists
    (re.compile(r"\{\s*width=[^}\n]*\}"), False),
    (re.compile(r"</?[a-zA-Z][^>\n]*>"), True),                  # HTML tags
    (re.compile(r"^---[ \t]*$", re.M), True),                    # front matter fences
    (re.compile(r"^[a-z_]+:(?=\s)", re.M), True),                # front matter keys
    (re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+", re.M), True),   # list items
    (re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+\S+", re.M), True),  # admonition markers (the title stays)
    (re.compile(r"^#+[ \t]*", re.M), True),                      # headings
    (re.compile(r"^\[\^[^\]]+\]:", re.M), True),                # footnote definitions
    (re.compile(r"\[\^[^\]]+\]"), False),                       # footnote references
    (re.compile(r"\*\*"), False),                                # bold
    (re.compile(r"[*_\[\]#>]"), False),                          # emphasis, brackets
]
YAML_MARKUP = [
    (re.compile(r"^[ \t]*#.*$", re.M), True),                                          # comments
    # values that are identifiers or paths, not prose
    (re.compile(r"^[ \t]*(?:-[ \t]+)?(?:id|role|page|learn_more|links|stages|roles|approaches|approach|scale|"
                r"tags|kind|version|action|value|min|max|weight|url|refs|when|owners|from|\$schema)[ \t]*:.*$", re.M), True),
    (re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*:[ \t]*(?:[>|][-+]?)?", re.M), True),  # keys
    (re.compile(r"^[ \t]*-[ \t]+", re.M), True),                                        # list items
    (re.compile(r"\b(?:value|label|points|special)\s*:"), True),                        # flow mappings
    (re.compile(r"\]\([^)\n]*\)"), False),
    (re.compile(r"[{}\[\]\"*]"), False),
]


def _strip(text: str, patterns) -> str:
    for pattern, cut in patterns:
        text = pattern.sub(_cut if cut else _blank, text)
    return text


def our_sentences(path: Path) -> list[Sentence]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    patterns = YAML_MARKUP if path.suffix.lower() in {".yml", ".yaml"} else MARKDOWN_MARKUP
    return _split(_strip(raw, patterns), str(path), _line_index(raw))


def source_sentences(path: Path) -> list[Sentence]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"-\n(?=[a-z])", "", raw)                  # words broken across lines
    raw = re.sub(r"\|►", "\n\n", raw)                        # "Learn more" cross-references
    raw = re.sub(r"(?<=[a-z,])[ \t]*\n[ \t]*(?=[a-z(])", " ", raw)  # lines wrapped mid-sentence
    return _split(raw, path.name, _line_index(raw))


# --------------------------------------------------------------------------------------------- matching

def similarity(ours: tuple[str, ...], theirs: tuple[str, ...]) -> float:
    """How much of `ours` the source holds in the same order, within a stretch no longer than needed.

    2 * matched / (len(ours) + stretch), where `stretch` is the part of the source sentence between its
    first and last matched stem. A reworded copy scores near 1; the same stems scattered through a
    long source sentence, or met in another order, score low.
    """
    blocks = [b for b in SequenceMatcher(None, ours, theirs, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return 0.0
    matched = sum(b.size for b in blocks)
    stretch = blocks[-1].b + blocks[-1].size - blocks[0].b
    return 2 * matched / (len(ours) + stretch)


@dataclass(frozen=True)
class Hit:
    ours: Sentence
    source: Sentence
    score: float

    def __str__(self) -> str:
        return f"{self.ours.path}:{self.ours.line}: {self.score:.2f}: {self.ours.text} || {self.source.text}"


class SourceIndex:
    def __init__(self, sources_dir: Path):
        self.units: list[Sentence] = []
        for path in sorted(Path(sources_dir).glob("*.txt")):
            sentences = [s for s in source_sentences(path) if len(s.stems) >= 3]
            self.units.extend(sentences)
            for a, b in itertools.pairwise(sentences):
                self.units.append(Sentence(a.path, a.line, f"{a.text} {b.text}", a.stems + b.stems))
        self.postings: dict[str, set[int]] = {}
        for i, unit in enumerate(self.units):
            for s in set(unit.stems):
                self.postings.setdefault(s, set()).add(i)

    def best(self, sentence: Sentence) -> Hit | None:
        ours = sentence.stems
        counts: dict[int, int] = {}
        for s in set(ours):
            for i in self.postings.get(s, ()):
                counts[i] = counts.get(i, 0) + 1
        need = len(set(ours)) * 0.4
        best = None
        for i, shared in sorted(counts.items(), key=lambda kv: -kv[1])[:40]:
            if shared < need:
                break
            unit = self.units[i]
            score = similarity(ours, unit.stems)
            if best is None or score > best.score:
                best = Hit(sentence, unit, round(score, 3))
        return best


def iter_files(paths) -> list[Path]:
    files = []
    for root in paths:
        root = Path(root)
        candidates = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        files.extend(p for p in candidates if p.suffix.lower() in TEXT_SUFFIXES and "node_modules" not in p.parts)
    return files


def check(paths, sources_dir, threshold: float = THRESHOLD, min_stems: int = MIN_STEMS) -> list[Hit]:
    index = SourceIndex(Path(sources_dir))
    hits = []
    for path in iter_files(paths):
        for sentence in our_sentences(path):
            if len(sentence.stems) < min_stems:
                continue
            hit = index.best(sentence)
            if hit and hit.score >= threshold:
                hits.append(hit)
    return hits


def main(argv=None) -> int:
    repo = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["docs", "toolkit_content"])
    ap.add_argument("--sources", default=str(repo.parent / "shared" / "sources"))
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--min-stems", type=int, default=MIN_STEMS)
    args = ap.parse_args(argv)
    if not Path(args.sources).is_dir():
        print(f"paraphrase: no sources folder at {args.sources}", file=sys.stderr)
        return 2
    hits = check(args.paths, args.sources, args.threshold, args.min_stems)
    for hit in hits:
        print(hit)
    print(f"paraphrase: {len(hits)} sentence(s) at or above {args.threshold:.2f}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
