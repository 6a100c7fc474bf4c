#!/usr/bin/env bash
# tests/install/test_install.sh (make test-install): sqlite-prefect installed
# in each ecosystem's own way, each into a fresh temporary place and with no
# network, then loaded from outside the clone and asked a question whose
# answer an oracle (plain SQL over Prefect's tables, without the extension)
# knows:
#   make install   into a DESTDIR: the files, `.load prefect` through
#                  LD_LIBRARY_PATH and through an ld.so cache that ldconfig
#                  builds the way `sudo make install` does; make uninstall
#                  leaves nothing. As root, also the real thing under
#                  /usr/local (removed again whatever happens), unless a
#                  sqlite-prefect is installed there already.
#   make python    the wheel, pip-installed with --no-index into a new venv
#                  of /usr/bin/python3; sqlite_prefect.load(conn)
#   make npm       the tarball, npm-installed --offline into an empty
#                  project beside the better-sqlite3 12 that make node-deps
#                  built; load(db)
#   make deb       the control fields, the file list, lintian, and the
#                  library loaded from the unpacked package
# Prints one line per check and a count; exits non-zero on any failure.
set -uo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2
version=$(cat VERSION)
demo=$root/dist/demo.db
better_sqlite3=$root/examples/node/node_modules/better-sqlite3
make=(make -s --no-print-directory)
for need in "$demo" "$root/dist/prefect.so" "$better_sqlite3/build/Release/better_sqlite3.node"; do
  [ -e "$need" ] || { echo "test_install: $need is missing: run make test-install (it builds what is needed)"; exit 2; }
done

tmp=$(mktemp -d)
system_installed=
cleanup() {
  if [ -n "$system_installed" ]; then "${make[@]}" uninstall >/dev/null 2>&1; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
not_ok() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/     /'; }
# check NAME EXPECTED ACTUAL
check() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2"$'\n'"got:      $3"; fi; }
# run NAME COMMAND...: runs it, leaving its output in $out; a failure is
# counted and shown with that output. (Not in a $(...) subshell: the count
# would be lost there.)
out=
run() {
  local name=$1
  shift
  if ! out=$("$@" 2>&1); then not_ok "$name" "$out"; return 1; fi
}

# The question every installation is asked, and the oracle's answer.
BODY='{"artifacts": {"type": {"any_": ["table"]}}, "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}'
QUESTION="SELECT prefect_version() || ' ' || count(*) FROM artifacts('$BODY')"
expected="v$version $(sqlite3 -readonly "$demo" "SELECT count(*) FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
                                              WHERE a.type = 'table' AND r.state_type = 'FAILED'")"
[ "${expected#* }" -gt 0 ] || { echo "test_install: the oracle found no artifacts, the comparison would be empty"; exit 1; }
elsewhere=$tmp/elsewhere  # a working directory outside the clone
mkdir -p "$elsewhere"

# ---- make install / make uninstall, into a DESTDIR ------------------------
dest=$tmp/destdir
if run "make install DESTDIR" "${make[@]}" install DESTDIR="$dest"; then
  lib=$dest/usr/local/lib
  doc=$dest/usr/local/share/doc/sqlite-prefect
  check "make install: the library, its ldconfig link, the docs" \
    "prefect.so libsqlite-prefect.so->prefect.so LICENSE README.md install.md" \
    "$( [ -f "$lib/prefect.so" ] && printf 'prefect.so '; [ -L "$lib/libsqlite-prefect.so" ] &&
        printf 'libsqlite-prefect.so->%s ' "$(readlink "$lib/libsqlite-prefect.so")"; LC_ALL=C ls "$doc" | xargs)"
  check "make install: the library's soname is the name .load asks for" "prefect.so" \
    "$(objdump -p "$lib/prefect.so" | awk '$1 == "SONAME" { print $2 }')"
  check ".load prefect from elsewhere, LD_LIBRARY_PATH=DESTDIR's lib" "$expected" \
    "$(cd "$elsewhere" && LD_LIBRARY_PATH=$lib sqlite3 -readonly "$demo" ".load prefect" "$QUESTION" 2>&1)"
  # What ldconfig makes of LIBDIR after `sudo make install`, in a cache of
  # our own: "prefect.so" must map to the library (-X: no links made).
  echo "$lib" > "$tmp/ld.so.conf"
  if run "ldconfig on the DESTDIR" /sbin/ldconfig -X -C "$tmp/ld.so.cache" -f "$tmp/ld.so.conf"; then
    check "ldconfig caches the library under prefect.so" "prefect.so => $lib/prefect.so" \
      "$(/sbin/ldconfig -p -C "$tmp/ld.so.cache" | sed -n 's/^[[:space:]]*\(prefect\.so\) (.*) => /\1 => /p')"
  fi
  run "make uninstall DESTDIR" "${make[@]}" uninstall DESTDIR="$dest"
  check "make uninstall leaves no file behind" "" "$(find "$dest" ! -type d)"
fi

# ---- the real make install under /usr/local, as root ----------------------
if [ "$(id -u)" != 0 ]; then
  echo "skip make install under /usr/local: not root"
elif [ -e /usr/local/lib/prefect.so ] || [ -e /usr/local/lib/libsqlite-prefect.so ]; then
  echo "skip make install under /usr/local: a sqlite-prefect is installed there already"
elif ! grep -rqs '^/usr/local/lib$' /etc/ld.so.conf /etc/ld.so.conf.d; then
  echo "skip make install under /usr/local: /usr/local/lib is not in this system's ld.so configuration"
else
  system_installed=yes
  if run "make install" "${make[@]}" install; then
    check ".load prefect from elsewhere after make install (no LD_LIBRARY_PATH)" "$expected" \
      "$(cd "$elsewhere" && env -u LD_LIBRARY_PATH sqlite3 -readonly "$demo" ".load prefect" "$QUESTION" 2>&1)"
  fi
  run "make uninstall" "${make[@]}" uninstall && system_installed=
  check "make uninstall: .load prefect fails again" \
    "Error: prefect.so: cannot open shared object file: No such file or directory" \
    "$(cd "$elsewhere" && env -u LD_LIBRARY_PATH sqlite3 :memory: ".load prefect" 2>&1)"
fi

# ---- the Python wheel, in a new venv, offline -----------------------------
if run "make python" "${make[@]}" python; then
  wheel=$root/${out##*$'\n'}
  platform=$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_platform().replace("-", "_").replace(".", "_"))')
  check "the wheel's name" "sqlite_prefect-$version-py3-none-$platform.whl" "$(basename "$wheel")"
  if run "a venv of /usr/bin/python3" /usr/bin/python3 -m venv "$tmp/venv" &&
     run "pip install --no-index the wheel" "$tmp/venv/bin/python" -m pip install --no-index --no-cache-dir \
       --disable-pip-version-check --quiet "$wheel"; then
    site_packages=$("$tmp/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_path("platlib"))')
    check "sqlite_prefect.load(conn) in the venv, from elsewhere" \
      "$site_packages/sqlite_prefect/prefect.so
$expected
RECORD ok" \
      "$(cd "$elsewhere" && env -u SQLITE_PREFECT_PATH "$tmp/venv/bin/python" - "$demo" "$QUESTION" 2>&1 <<'PY'
import hashlib, base64, sqlite3, sys
from importlib import metadata
import sqlite_prefect
print(sqlite_prefect.loadable_path())
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
sqlite_prefect.load(conn)
print(conn.execute(sys.argv[2]).fetchone()[0])
# every installed file is the one RECORD describes
for f in metadata.distribution("sqlite-prefect").files:
    if f.hash:
        digest = base64.urlsafe_b64encode(hashlib.sha256(f.read_binary()).digest()).rstrip(b"=").decode()
        assert digest == f.hash.value, f"{f}: RECORD says {f.hash.value}, the file is {digest}"
print("RECORD ok")
PY
)"
  fi
fi

# ---- the npm package, in an empty project, offline ------------------------
if run "make npm" "${make[@]}" npm; then
  tarball=$root/dist/${out##*$'\n'}
  check "npm pack: the package's files" \
    "package/LICENSE package/README.md package/index.d.ts package/index.js package/package.json package/prefect.so" \
    "$(tar -tzf "$tarball" | LC_ALL=C sort | xargs)"
  project=$tmp/node-project
  mkdir -p "$project"
  echo '{"name": "sqlite-prefect-install-test", "version": "1.0.0", "private": true}' > "$project/package.json"
  # better-sqlite3 is the one make node-deps compiled: installed from its
  # directory, it needs neither the registry nor a compiler. An empty cache
  # and a registry nobody answers make sure nothing comes from elsewhere.
  if run "npm install --offline the tarball" npm install --prefix "$project" --offline --ignore-scripts \
       --cache "$tmp/npm-cache" --registry http://127.0.0.1:9/ \
       --no-audit --no-fund --loglevel=error "$tarball" "$better_sqlite3"; then
    cat > "$project/query.mjs" <<'JS'
import Database from "better-sqlite3";
import { load, getLoadablePath } from "sqlite-prefect";
import { createRequire } from "node:module";
const [demo, question] = process.argv.slice(2);
console.log(`better-sqlite3 ${createRequire(import.meta.url)("better-sqlite3/package.json").version.split(".")[0]}`);
console.log(getLoadablePath());
const db = new Database(demo, { readonly: true, fileMustExist: true });
load(db);
console.log(db.prepare(question).pluck().get());
try { load({}); } catch (e) { console.log(e.message); }
JS
    check "load(db) with better-sqlite3, from elsewhere; load() of something else" \
      "better-sqlite3 12
$project/node_modules/sqlite-prefect/prefect.so
$expected
sqlite-prefect: load(db) needs a database with a loadExtension() method, such as better-sqlite3's" \
      "$(cd "$elsewhere" && node "$project/query.mjs" "$demo" "$QUESTION" 2>&1)"
  fi
fi

# ---- the Debian package ----------------------------------------------------
if run "make deb" "${make[@]}" deb; then
  deb=$root/${out##*$'\n'}
  arch=$(dpkg --print-architecture)
  multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
  check "the package's name" "sqlite-prefect_${version}_$arch.deb" "$(basename "$deb")"
  check "control: Package, Version, Architecture" "sqlite-prefect $version $arch" \
    "$(dpkg-deb -f "$deb" Package Version Architecture | cut -d' ' -f2 | xargs)"
  check "control: Depends names libc6 and libsqlite3-0" "libc6 libsqlite3-0" \
    "$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | awk '{ print $1 }' | xargs)"
  check "control: Maintainer and Description are there" "2" \
    "$(dpkg-deb -f "$deb" Maintainer Description | grep -cE '^(Maintainer: .+ <.+@.+>|Description: .+)$')"
  check "the package's files, all root's" \
    "./usr/lib/$multiarch/prefect.so ./usr/share/doc/sqlite-prefect/README.md.gz ./usr/share/doc/sqlite-prefect/changelog.gz ./usr/share/doc/sqlite-prefect/copyright ./usr/share/doc/sqlite-prefect/install.md.gz ./usr/share/lintian/overrides/sqlite-prefect
root/root" \
    "$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | LC_ALL=C sort | xargs)
$(dpkg-deb -c "$deb" | awk '{ print $2 }' | sort -u | xargs)"
  if command -v lintian >/dev/null; then
    run "lintian: no error, no warning" lintian --fail-on error,warning "$deb" && ok "lintian: no error, no warning"
  else
    echo "skip lintian: not installed (Debian: apt-get install lintian)"
  fi
  unpacked=$tmp/deb
  if run "dpkg-deb -x" dpkg-deb -x "$deb" "$unpacked"; then
    check "copyright carries LICENSE's text" "yes" \
      "$(grep -q 'Permission is hereby granted' "$unpacked/usr/share/doc/sqlite-prefect/copyright" && echo yes)"
    check "README.md.gz is the README" "$(sha256sum < README.md)" \
      "$(gzip -dc "$unpacked/usr/share/doc/sqlite-prefect/README.md.gz" | sha256sum)"
    check ".load prefect from the unpacked package, from elsewhere" "$expected" \
      "$(cd "$elsewhere" && LD_LIBRARY_PATH=$unpacked/usr/lib/$multiarch sqlite3 -readonly "$demo" ".load prefect" "$QUESTION" 2>&1)"
  fi
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
