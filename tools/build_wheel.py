#!/usr/bin/python3
"""Writes the Python wheel of sqlite-prefect (make python):

    /usr/bin/python3 tools/build_wheel.py dist/prefect.so dist

A wheel is a zip file (PEP 427): the package's files, then NAME-VERSION.dist-info/
with METADATA, WHEEL (which Python and platform it is for) and RECORD (every
file's sha256 and size). This script writes one with zipfile, so that building
needs neither setuptools nor the network. The package is
examples/python/sqlite_prefect with the library beside its __init__.py, where
loadable_path() looks first. Entries carry a fixed date, so the same inputs
give the same wheel."""
import base64
import hashlib
import os
import sys
import sysconfig
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_DIR = os.path.join(ROOT, "examples", "python", "sqlite_prefect")
DISTRIBUTION = "sqlite_prefect"  # the name as wheel file names spell it
# zip cannot store dates before 1980
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def platform_tag():
    """This machine's platform (linux_x86_64, ...): the library is a binary
    for it. pip on the same platform takes the wheel; pip elsewhere refuses."""
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def metadata(version):
    """The package's description: the fields pip shows, then the README."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return (
        "Metadata-Version: 2.1\n"
        "Name: sqlite-prefect\n"
        f"Version: {version}\n"
        "Summary: Prefect's REST API filter documents as SQLite virtual tables, over Prefect's own SQLite database\n"
        "License: MIT\n"
        "Requires-Python: >=3.8\n"
        "Classifier: License :: OSI Approved :: MIT License\n"
        "Classifier: Operating System :: POSIX :: Linux\n"
        "Classifier: Programming Language :: C\n"
        "Classifier: Topic :: Database\n"
        "Description-Content-Type: text/markdown\n"
        "\n" + readme)


def wheel_file(tag):
    return ("Wheel-Version: 1.0\n"
            "Generator: sqlite-prefect tools/build_wheel.py\n"
            "Root-Is-Purelib: false\n"
            f"Tag: {tag}\n")


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def build(loadable, out_dir):
    version = read(os.path.join(ROOT, "VERSION")).decode().strip()
    tag = f"py3-none-{platform_tag()}"
    info = f"{DISTRIBUTION}-{version}.dist-info"
    files = [  # (name in the wheel, bytes, mode)
        ("sqlite_prefect/__init__.py", read(os.path.join(PACKAGE_DIR, "__init__.py")), 0o644),
        ("sqlite_prefect/prefect.so", read(loadable), 0o755),
        (f"{info}/METADATA", metadata(version).encode(), 0o644),
        (f"{info}/WHEEL", wheel_file(tag).encode(), 0o644),
        (f"{info}/LICENSE", read(os.path.join(ROOT, "LICENSE")), 0o644),
    ]
    record = "".join(record_line(name, data) for name, data, _ in files) + f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode(), 0o644))

    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{DISTRIBUTION}-{version}-{tag}.whl")
    with zipfile.ZipFile(path + ".part", "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data, mode in files:
            entry = zipfile.ZipInfo(name, FIXED_DATE)
            entry.external_attr = (0o100000 | mode) << 16  # a regular file with these permissions
            entry.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(entry, data)
    os.replace(path + ".part", path)
    return path


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} LIBRARY.so OUT_DIR", file=sys.stderr)
        return 2
    if not os.path.isfile(argv[1]):
        print(f"{argv[0]}: no library at {argv[1]}; run make first", file=sys.stderr)
        return 1
    print(build(argv[1], argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
