#!/usr/bin/env bash
# tools/build_deb.sh: the Debian package of sqlite-prefect (make deb).
#
#   bash tools/build_deb.sh dist/prefect.so dist
#
# Writes OUT_DIR/sqlite-prefect_VERSION_ARCH.deb with dpkg-deb, from a tree
# laid out as Debian lays out an SQLite extension (libsqlite3-mod-spatialite
# does the same):
#   /usr/lib/<multiarch>/prefect.so   dlopen() looks there without any cache,
#                                     so `.load prefect` works from anywhere
#   /usr/share/doc/sqlite-prefect/    copyright (from LICENSE, in Debian's
#                                     machine-readable form), changelog.gz,
#                                     README.md.gz and install.md.gz
#   /usr/share/lintian/overrides/     why the soname is not versioned
# The library is stripped (the debug sections stay in dist/prefect.so);
# Depends names the newest glibc symbol version it uses and the oldest SQLite
# it accepts (ext/prefect.c refuses older ones when loaded). Everything is
# owned by root and dated from the last commit, so a rebuild of the same
# commit gives the same package.
#   MAINTAINER   the Maintainer field (default: the project's)
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: bash $0 LIBRARY.so OUT_DIR" >&2
  exit 2
fi
loadable=$1
out_dir=$2
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
[ -f "$loadable" ] || { echo "$0: no library at $loadable; run make first" >&2; exit 1; }
for tool in dpkg-deb dpkg-architecture objdump strip gzip; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (Debian: apt-get install dpkg-dev binutils)" >&2; exit 1; }
done

package=sqlite-prefect
version=$(cat "$root/VERSION")
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
maintainer=${MAINTAINER:-"The sqlite-prefect maintainers <maintainers@users.noreply.h-seed-868e57d9.example>"}
# the package's date: the last commit's, so that rebuilding changes nothing
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
min_sqlite=$(sed -n 's/.*needs SQLite \([0-9.]*\) or newer.*/\1/p' "$root/ext/prefect.c")
[ -n "$min_sqlite" ] || { echo "$0: the oldest SQLite accepted is no longer stated in ext/prefect.c" >&2; exit 1; }
glibc=$(objdump -T "$loadable" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)

stage="$out_dir/deb/${package}_${version}_$arch"
rm -rf "$stage"
lib_dir="$stage/usr/lib/$multiarch"
doc_dir="$stage/usr/share/doc/$package"
mkdir -p "$stage/DEBIAN" "$lib_dir" "$doc_dir"

strip --strip-unneeded --remove-section=.comment -o "$lib_dir/prefect.so" "$loadable"
chmod 0644 "$lib_dir/prefect.so"
# The soname prefect.so is there for make install's ldconfig cache entry; to
# lintian it makes the file a public shared library. It is a plugin that
# nothing links against: no versioned soname, no lib<soname> package name.
mkdir -p "$stage/usr/share/lintian/overrides"
printf '%s\n' "# prefect.so is an SQLite extension (a plugin) that nothing links against" \
  "$package: package-name-doesnt-match-sonames prefect" \
  "$package: shared-library-lacks-version usr/lib/$multiarch/prefect.so prefect.so" \
  > "$stage/usr/share/lintian/overrides/$package"
# A library with a soname in a loader directory: dpkg has ldconfig refresh the
# cache, as for any library.
echo "activate-noawait ldconfig" > "$stage/DEBIAN/triggers"

# Documentation over 4 kB is gzipped (Debian policy 12.3); -n keeps the
# file's name and date out of the archive.
for doc in README.md docs/install.md; do
  gzip -9n < "$root/$doc" > "$doc_dir/$(basename "$doc").gz"
done
{
  echo "$package ($version) unstable; urgency=medium"
  echo
  echo "  * Built from commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) by make deb."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc_dir/changelog.gz"
# LICENSE is the MIT (Expat) licence: its copyright line goes in the header,
# its text, indented, into the License paragraph ("." for empty lines).
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: $package"
  echo
  echo "Files: *"
  echo "Copyright: $(sed -n 's/^Copyright (c) //p' "$root/LICENSE")"
  echo "License: Expat"
  sed -n '/^Permission is hereby granted/,$p' "$root/LICENSE" | sed 's/^$/./; s/^/ /'
} > "$doc_dir/copyright"
chmod 0644 "$doc_dir"/*

installed_size=$(du -k -s --apparent-size "$stage/usr" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: $package
Version: $version
Architecture: $arch
Multi-Arch: same
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: libc6 (>= $glibc), libsqlite3-0 (>= $min_sqlite)
Section: database
Priority: optional
Description: SQLite extension answering Prefect's REST API filters
 Loaded into SQLite with .load prefect, it reads the SQLite database a
 self-hosted Prefect server writes: Prefect's REST API filter documents
 (artifacts, flows, flow runs, task runs, deployments, logs, ...) become
 table-valued functions of plain SQL, with Prefect's semantics, planned
 on Prefect's own indexes. No server needs to run.
EOF

(cd "$stage" && find usr -type f | LC_ALL=C sort | xargs md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/"*
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$out_dir"
deb="$out_dir/${package}_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
