#!/usr/bin/python3
"""The pages (README.md and docs/*.md) show what their examples print, and
their links lead somewhere.

An example that shows its output is a ```sql block followed by a ```text
block. Each one runs here in the sqlite3 shell, on its own copy of the demo
database (so an example that writes leaves nothing behind for the next), after
`.load dist/prefect`, `.headers on` and `.mode column` (a block may switch
the mode itself); its output, errors included, must be the text block's, line
for line (trailing blanks aside: `.mode column` pads its last column). An
error's "near line N" is dropped, as the SQL suite drops it, since the shell
counts the lines this test adds in front. Every ```sql block has its output:
SQL shown without it could drift from what it prints unnoticed (a sketch for
another database is a ```sh block, or prose).

Links: every relative link names a file of the repository, and an anchor
(`#...`) names a heading of its page, spelled as GitHub spells heading
anchors."""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import DEMO_DB, LOADABLE, ROOT, main  # noqa: E402

EXAMPLE = re.compile(r"^```sql\n(.*?)^```\n\n?```text\n(.*?)^```$", re.M | re.S)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```$", re.M | re.S)
PREAMBLE = f".load {os.path.splitext(LOADABLE)[0]}\n.headers on\n.mode column\n"


def pages():
    return [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def normalise(text):
    text = re.sub(r"^(Parse|Runtime) error near line \d+:", r"\1 error:", text, flags=re.M)
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def examples():
    for path in pages():
        text = read(path)
        for m in EXAMPLE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield f"{os.path.relpath(path, ROOT)}:{line}", m.group(1), m.group(2)


def test_every_sql_block_shows_its_output():
    for path in pages():
        text = read(path)
        runnable = {m.start() for m in EXAMPLE.finditer(text)}
        for m in re.finditer(r"^```sql$", text, re.M):
            line = text.count("\n", 0, m.start()) + 1
            assert m.start() in runnable, f"{os.path.relpath(path, ROOT)}:{line}: a sql block without a text block after it"


def test_examples_print_what_they_show(tmp):
    found = list(examples())
    # The cookbook alone has a dozen; fewer means the pattern stopped matching.
    assert len(found) >= 20, f"only {len(found)} examples with their output found"
    failures = []
    for where, sql, shown in found:
        db = os.path.join(tmp, "demo.db")
        shutil.copyfile(DEMO_DB, db)
        # stderr joins stdout as the shell interleaves them (it flushes its
        # output before it reports an error).
        # An example that shows an error ends the shell with status 1; a
        # crash would be another status.
        proc = subprocess.run(f"sqlite3 -batch {shlex.quote(db)} 2>&1", shell=True, input=PREAMBLE + sql,
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        out = proc.stdout
        if proc.returncode not in (0, 1):
            failures.append(f"{where}: the shell exited {proc.returncode}\n{out}")
        if normalise(out) != normalise(shown):
            failures.append(f"{where}: prints\n{out}\n--- the page shows\n{shown}")
    assert not failures, "\n\n".join(failures)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation other than '-'
    and '_' dropped, spaces made hyphens."""
    text = re.sub(r"`", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    seen = {}
    result = set()
    for heading in re.findall(r"^#+ (.*)$", FENCE.sub("", read(path)), re.M):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        result.add(base if n == 0 else f"{base}-{n}")
    return result


def test_links_resolve():
    checked = 0
    problems = []
    for path in pages():
        for target in LINK.findall(FENCE.sub("", read(path))):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            where = os.path.relpath(path, ROOT)
            checked += 1
            if not os.path.exists(dest):
                problems.append(f"{where}: {target}: no such file")
            elif anchor and (not dest.endswith(".md") or anchor not in anchors(dest)):
                problems.append(f"{where}: {target}: no such heading")
    assert checked >= 20, f"only {checked} links checked"
    assert not problems, "\n".join(problems)


def test_pages_cite_nothing_outside():
    """The repository explains itself: no page points into a path outside it."""
    for path in pages():
        for bad in ("/work/", "spec/", "filters.md"):
            assert bad not in read(path), f"{os.path.relpath(path, ROOT)} mentions {bad}"


if __name__ == "__main__":
    sys.exit(main("docs", globals()))
