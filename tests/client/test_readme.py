#!/usr/bin/python3
"""The pages' client snippets are the files the client tests run: each code
block of README.md or docs/*.md after a `<!-- example: PATH -->` marker must
be PATH's text, exactly, and every examples/*/quickstart.* must be shown. The
README's Quick start's install commands must name every package .ci/run
installs."""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import ROOT, main  # noqa: E402

MARKER = re.compile(r"^<!-- example: (\S+) -->\n```[a-z]*\n(.*?)^```$", re.M | re.S)


def readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def pages():
    """README.md and docs/*.md, one after the other."""
    text = readme()
    for path in sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))):
        with open(path, encoding="utf-8") as f:
            text += "\n" + f.read()
    return text


def test_snippets_are_the_example_files():
    shown = MARKER.findall(pages())
    assert len(shown) >= 6, f"only {len(shown)} example blocks found"
    for path, block in shown:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            text = f.read()
        assert block == text, f"the pages' block for {path} differs from the file:\n{block}\n---\n{text}"


def test_every_quickstart_is_shown():
    markers = pages().count("<!-- example: ")
    shown = {path for path, _ in MARKER.findall(pages())}
    assert len(shown) == markers, "a marker without a code block right after it"
    files = {os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "examples", "*", "quickstart.*"))}
    assert len(files) >= 6, files
    assert files <= shown, f"not in README.md or docs/: {sorted(files - shown)}"


def test_quick_start_installs_what_ci_installs():
    with open(os.path.join(ROOT, ".ci", "run")) as f:
        ci = f.read()
    ci_line = re.search(r"^apt-get install -y ((?:.*\\\n)*.*)$", ci, re.M).group(1)
    ci_packages = set(ci_line.replace("\\\n", " ").split())
    start = readme().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    readme_packages = set()
    for line in re.findall(r"apt-get install -y ([^&\n]*)", start):
        readme_packages |= set(line.split())
    assert ci_packages, ci_line
    assert ci_packages <= readme_packages, f"installed by .ci/run, not named in the Quick start: {ci_packages - readme_packages}"


if __name__ == "__main__":
    sys.exit(main("readme", globals(), needs_demo=False))
