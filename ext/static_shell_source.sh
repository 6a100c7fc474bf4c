#!/usr/bin/env bash
# ext/static_shell_source.sh: SQLite's shell.c for `make static`.
#
#   bash ext/static_shell_source.sh OUT_DIR     writes OUT_DIR/shell.c
#
# The shell must be the same SQLite version as the static library it is linked
# with (it refuses to start otherwise), so it comes from the Debian source
# package of the installed libsqlite3-dev: `apt-get source sqlite3=<version>`,
# then SQLite's own generator (tool/mkshellc.tcl, run by tclsh) writes shell.c.
#
# Nothing on the system changes: apt runs with a private configuration under
# OUT_DIR/apt whose deb-src entries are derived from the machine's own Debian
# entries in /etc/apt (same mirrors, same suites, same keyring). Works as any
# user. Needs apt-get, dpkg-source (dpkg-dev) and tclsh (tcl). The source tree
# is deleted once shell.c is written; only OUT_DIR/shell.c stays.
set -euo pipefail

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash $0 OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd -- "$1" && pwd)

die() { echo "static_shell_source.sh: $*" >&2; exit 1; }
for tool in apt-get dpkg-query dpkg-source tclsh; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install dpkg-dev tcl); or give make a shell.c: make static SHELL_C=path/to/shell.c"
done
version=$(dpkg-query -W -f='${source:Version}' libsqlite3-dev 2>/dev/null) ||
  die "libsqlite3-dev is not installed (apt-get install libsqlite3-dev)"
upstream=${version#*:}
upstream=${upstream%%-*}

apt_dir=$out/apt
rm -rf -- "$apt_dir" "$out/src"
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$out/src"

# deb-src twins of the machine's Debian entries: deb822 stanzas signed by
# Debian's archive keyring, and one-line entries on a .../debian or
# .../debian-security path.
sources=$apt_dir/sources.list.d/debian-src.sources
: > "$sources"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       /debian-archive-keyring/ && !/Enabled: *no/ { sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f" >> "$sources"
done
oneline=$apt_dir/sources.list
: > "$oneline"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -n -E 's#^deb[[:space:]]+(.*/debian(-security)?/?[[:space:]].*)$#deb-src \1#p' "$f" >> "$oneline"
done
[ -s "$sources" ] || [ -s "$oneline" ] ||
  die "no Debian entry in /etc/apt to derive a deb-src entry from; give make a shell.c: make static SHELL_C=path/to/shell.c"

apt_opts=(
  -q
  -o "Dir::Etc::SourceList=$oneline"
  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
)
# As root apt downloads as the _apt user, which may not be able to write here.
if [ "$(id -u)" -eq 0 ]; then apt_opts+=(-o APT::Sandbox::User=root); fi

echo "static_shell_source.sh: fetching the Debian source of sqlite3 $version"
apt-get "${apt_opts[@]}" update >"$apt_dir/update.log" 2>&1 || { cat "$apt_dir/update.log" >&2; die "apt-get update failed"; }
(cd "$out/src" && apt-get "${apt_opts[@]}" source "sqlite3=$version") >"$apt_dir/source.log" 2>&1 ||
  { cat "$apt_dir/source.log" >&2; die "apt-get source sqlite3=$version failed"; }

tree=$out/src/sqlite3-$upstream
[ -f "$tree/tool/mkshellc.tcl" ] || die "no tool/mkshellc.tcl in $tree"
[ "$(cat "$tree/VERSION")" = "$upstream" ] || die "the source tree is SQLite $(cat "$tree/VERSION"), not $upstream"
tclsh "$tree/tool/mkshellc.tcl" > "$out/shell.c.tmp"
grep -q 'SQLITE_SHELL_INIT_PROC' "$out/shell.c.tmp" || die "this shell.c has no SQLITE_SHELL_INIT_PROC hook (an older SQLite)"
mv "$out/shell.c.tmp" "$out/shell.c"
rm -rf -- "$out/src" "$apt_dir"
echo "static_shell_source.sh: wrote $out/shell.c (SQLite $upstream, Debian $version)"
