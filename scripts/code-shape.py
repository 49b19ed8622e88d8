#!/usr/bin/env python3
"""Prints the shape of Rust source files: lines per file, the longest functions and the matches
with the most arms. Usage: scripts/code-shape.py FILE_OR_DIR... [--max-fn N --max-arms N --max-file N]
exits 1 when a limit is passed. Counts by brace matching on code with strings and comments removed,
so it needs rustfmt-formatted input (one arm per line or block)."""
import re
import sys
from pathlib import Path


def strip(text):
    """Blanks out comments, strings and chars, keeping line breaks."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i) + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif c == 'r' and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not text[i - 1].isalnum()):
            m = re.match(r'r(#*)"', text[i:]); hashes = m.group(1)
            j = text.find('"' + hashes, i + len(m.group(0))) + 1 + len(hashes)
            out.append(re.sub(r'[^\n]', ' ', text[i:j])); i = j
        elif c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            out.append(re.sub(r'[^\n]', ' ', text[i:j + 1])); i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:i + 4]):
            m = re.match(r"'(\\.|[^\\'])'", text[i:]); out.append(' ' * len(m.group(0))); i += len(m.group(0))
        else:
            out.append(c); i += 1
    return ''.join(out)


def close_of(code, open_at):
    depth = 0
    for k in range(open_at, len(code)):
        if code[k] == '{':
            depth += 1
        elif code[k] == '}':
            depth -= 1
            if depth == 0:
                return k
    return len(code) - 1


def arms(body):
    """Arms of a match body: `=>` at depth 1 of the body's braces/brackets/parens."""
    depth, count, k = 0, 0, 0
    while k < len(body):
        ch = body[k]
        if ch in '{[(':
            depth += 1
        elif ch in '}])':
            depth -= 1
        elif body.startswith('=>', k) and depth == 1:
            count += 1
        k += 1
    return count


def shape(path):
    text = path.read_text()
    code = strip(text)
    line_of = lambda pos: code.count('\n', 0, pos) + 1
    fns, matches = [], []
    for m in re.finditer(r'\bfn\s+(\w+)[^;{]*\{', code):
        end = close_of(code, m.end() - 1)
        fns.append((line_of(end) - line_of(m.start()) + 1, m.group(1), line_of(m.start())))
    for m in re.finditer(r'\bmatch\b[^{;]*\{', code):
        end = close_of(code, m.end() - 1)
        matches.append((arms(code[m.end() - 1:end + 1]), line_of(m.start())))
    return text.count('\n'), fns, matches


def main(argv):
    limits = {'--max-fn': None, '--max-arms': None, '--max-file': None}
    paths = []
    it = iter(argv)
    for a in it:
        if a in limits:
            limits[a] = int(next(it))
        else:
            paths.append(Path(a))
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob('*.rs')))
    worst_fn, worst_match, failed = (0, '', ''), (0, ''), False
    for f in files:
        lines, fns, matches = shape(f)
        longest = max(fns, default=(0, '-', 0))
        most = max(matches, default=(0, 0))
        print(f'{str(f):55} {lines:5} lines  longest fn {longest[0]:4} ({longest[1]})  most arms {most[0]:3}')
        if longest[0] > worst_fn[0]:
            worst_fn = (longest[0], f'{f}:{longest[2]} {longest[1]}', '')
        if most[0] > worst_match[0]:
            worst_match = (most[0], f'{f}:{most[1]}')
        for value, limit in ((lines, limits['--max-file']), (longest[0], limits['--max-fn']), (most[0], limits['--max-arms'])):
            if limit is not None and value > limit:
                failed = True
    print(f'longest function: {worst_fn[0]} lines ({worst_fn[1]}); most match arms: {worst_match[0]} ({worst_match[1]})')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
