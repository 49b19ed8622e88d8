#!/usr/bin/env python3
"""Checks the translations in locales/<lang>/ against English: every file parses, has the same
message ids as locales/en/, and each message uses the same variables ($name) as its English.
Lists the messages left identical to English (product names such as MIMS may rightly be).
Usage: scripts/check-catalogues.py [lang ...]   (needs `pip install fluent.syntax`)"""
import sys
from pathlib import Path
from fluent.syntax import parse, ast, visitor

ROOT = Path(__file__).resolve().parent.parent / "locales"
FILES = ["engine.ftl", "window.ftl", "cli.ftl", "sso.ftl"]


class Vars(visitor.Visitor):
    def __init__(self):
        super().__init__()
        self.names = set()

    def visit_VariableReference(self, node):
        self.names.add(node.id.name)


def messages(path):
    res = parse(path.read_text(encoding="utf-8"))
    junk = [e for e in res.body if isinstance(e, ast.Junk)]
    out = {}
    for e in res.body:
        if isinstance(e, ast.Message):
            v = Vars()
            v.visit(e)
            out[e.id.name] = (v.names, path.read_text(encoding="utf-8")[e.span.start:e.span.end] if e.span else "")
    return out, junk


def main(langs):
    failed = False
    for lang in langs:
        for f in FILES:
            en, _ = messages(ROOT / "en" / f)
            path = ROOT / lang / f
            if not path.exists():
                print(f"{lang}/{f}: missing"); failed = True; continue
            tr, junk = messages(path)
            for j in junk:
                print(f"{lang}/{f}: does not parse: {j.annotations[0].message if j.annotations else ''}: {j.content[:120]!r}")
                failed = True
            for k in sorted(set(en) - set(tr)):
                print(f"{lang}/{f}: {k} is not translated"); failed = True
            for k in sorted(set(tr) - set(en)):
                print(f"{lang}/{f}: {k} is not in English"); failed = True
            for k in sorted(set(en) & set(tr)):
                if en[k][0] != tr[k][0]:
                    print(f"{lang}/{f}: {k} uses {sorted(tr[k][0])}, English uses {sorted(en[k][0])}"); failed = True
            same = [k for k in sorted(set(en) & set(tr)) if en[k][1].split("=", 1)[1].strip() == tr[k][1].split("=", 1)[1].strip()]
            if same:
                print(f"{lang}/{f}: {len(same)} identical to English: {', '.join(same[:40])}")
    return 1 if failed else 0


if __name__ == "__main__":
    langs = sys.argv[1:] or sorted(p.name for p in ROOT.iterdir() if p.is_dir() and p.name != "en")
    sys.exit(main(langs))
