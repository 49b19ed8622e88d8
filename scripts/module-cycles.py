#!/usr/bin/env python3
"""Print the import cycles among a crate's top-level modules; exit 1 if there is one.

Reads every `crate::…` path in SRC_DIR/**/*.rs (default crates/core/src): use declarations and
paths written inline, comments and string literals left out. A file `foo.rs` and every file
under `foo/` count as the module `foo`; the crate root (`lib.rs`, or `main.rs` when there is no
`lib.rs`) is the facade and is not a node, and a name it re-exports (`crate::Engine`) counts as
its module. Run from anywhere: `python3 scripts/module-cycles.py [-v] [SRC_DIR]`; `-v` also
prints every edge. `make lint` runs it on the core, the CLI and the shell.
"""

import re
import sys
from pathlib import Path

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def strip_comments_and_strings(text):
    """Blank out comments, string and char literals, keeping newlines so lines still count."""
    out = []
    i, n = 0, len(text)

    def blank(segment):
        out.append("".join(c if c == "\n" else " " for c in segment))

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(text[i:j])
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(text[i:j])
            i = j
        elif (m := re.match(r'b?r(#*)"', text[i:i + 300])) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = '"' + m.group(1)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            blank(text[i:j])
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(text[i:j + 1])
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a, 'static).
            m = re.match(r"'(\\(u\{[0-9A-Fa-f]+\}|x[0-9A-Fa-f]{2}|.)|[^\\'])'", text[i:i + 12])
            if m:
                blank(m.group(0))
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def brace_items(text, start):
    """Top-level items of the brace group opening at text[start] == '{', with their offsets."""
    depth, item_start, items = 0, start + 1, []
    for j in range(start, len(text)):
        ch = text[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                items.append((text[item_start:j], item_start))
                return items
        elif ch == "," and depth == 1:
            items.append((text[item_start:j], item_start))
            item_start = j + 1
    return items


def crate_root(src):
    return src / "lib.rs" if (src / "lib.rs").exists() else src / "main.rs"


def module_of(path, src):
    rel = path.relative_to(src)
    if path == crate_root(src):
        return None
    first = rel.parts[0]
    return first[:-3] if first.endswith(".rs") else first


def facade_names(lib_text, modules):
    """Names the crate root re-exports (`pub use engine::{Engine, …}`), mapped to their module."""
    names = {}
    for m in re.finditer(r"pub\s+use\s+([A-Za-z_][A-Za-z0-9_]*)\s*::\s*(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)", lib_text):
        if m.group(1) in modules:
            for name in IDENT.findall(m.group(2)):
                names[name] = m.group(1)
    return names


ROOT = Path(__file__).resolve().parent.parent


def shown(path):
    """`path` relative to the repository when it is inside it."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def edges_of(src):
    files = sorted(src.rglob("*.rs"))
    modules = {module_of(f, src) for f in files} - {None}
    root = crate_root(src)
    facade = facade_names(strip_comments_and_strings(root.read_text()), modules) if root.exists() else {}
    edges = {}  # (from, to) -> first "file:line"
    for f in files:
        source = module_of(f, src)
        if source is None:
            continue
        text = strip_comments_and_strings(f.read_text())
        for m in re.finditer(r"(?<![$\w])crate\s*::\s*", text):
            rest = m.end()
            if rest < len(text) and text[rest] == "{":
                targets = []
                for item, offset in brace_items(text, rest):
                    name = IDENT.search(item)
                    if name:
                        targets.append((name.group(0), offset + name.start()))
            else:
                name = IDENT.match(text, rest)
                targets = [(name.group(0), rest)] if name else []
            for name, offset in targets:
                target = name if name in modules else facade.get(name)
                if target and target != source:
                    line = text.count("\n", 0, offset) + 1
                    edges.setdefault((source, target), f"{shown(f)}:{line}")
    return modules, edges


def strongly_connected(modules, edges):
    """Tarjan's algorithm; returns the components with more than one module."""
    graph = {m: sorted({b for (a, b) in edges if a == m}) for m in modules}
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    sys.setrecursionlimit(10000)
    for m in sorted(modules):
        if m not in index:
            visit(m)
    return graph, result


def shortest_cycle_through(start, component, graph):
    """A shortest path start -> … -> start inside the component (breadth first)."""
    members = set(component)
    previous, queue = {start: None}, [start]
    for v in queue:
        for w in graph[v]:
            if w == start:
                path = [v]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [start] + path[::-1][1:] + [start] if len(path) > 1 else [start, v, start]
            if w in members and w not in previous:
                previous[w] = v
                queue.append(w)
    return [start]


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    src = Path(args[0]).resolve() if args else ROOT / "crates" / "core" / "src"
    modules, edges = edges_of(src)
    if verbose:
        for (a, b), where in sorted(edges.items()):
            print(f"{a} -> {b}  ({where})")
    graph, components = strongly_connected(modules, edges)
    if not components:
        print(f"no import cycle among the {len(modules)} modules of {shown(src)}")
        return 0
    print(f"{len(components)} import cycle(s) among the modules of {shown(src)}:")
    for component in components:
        print(f"- modules in one cycle: {', '.join(component)}")
        printed = set()
        for start in component:
            cycle = shortest_cycle_through(start, component, graph)
            key = frozenset(zip(cycle, cycle[1:]))
            if key in printed:
                continue
            printed.add(key)
            print("    " + " -> ".join(cycle))
            for a, b in zip(cycle, cycle[1:]):
                print(f"        {a} -> {b}: {edges[(a, b)]}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
