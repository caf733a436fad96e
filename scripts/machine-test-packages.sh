#!/usr/bin/env bash
# Small Debian packages for the test machine's local apt repository
# (scripts/machine.sh): what an admin installs and removes through koompid and
# PackageKit in tests/machine. Each puts one file under /usr, which is on the
# read-only root: installing it proves the job could write where no one else can.
#   machine-test-packages.sh DIR   → DIR/<name>_<version>_all.deb
set -euo pipefail
out=$1
mkdir -p "$out"
make_deb() { # name version description
  local name=$1 version=$2 desc=$3 tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/DEBIAN" "$tmp/usr/share/$name" "$tmp/usr/bin"
  cat > "$tmp/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: all
Maintainer: KOOMPI <dev@koompi.com>
Section: misc
Priority: optional
Description: $desc
 A test package of KOOMPI's test machine.
CONTROL
  printf '%s %s\n' "$name" "$version" > "$tmp/usr/share/$name/VERSION"
  printf '#!/bin/sh\necho "%s %s"\n' "$name" "$version" > "$tmp/usr/bin/$name"
  chmod 755 "$tmp/usr/bin/$name"
  dpkg-deb --root-owner-group -Zxz --build "$tmp" "$out/${name}_${version}_all.deb" >/dev/null
  rm -rf "$tmp"
}
make_deb koompi-hello 1.0 "KOOMPI test package: hello"
make_deb koompi-quiz 1.0 "KOOMPI test package: quiz"
