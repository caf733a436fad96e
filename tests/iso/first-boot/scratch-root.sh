#!/bin/bash
# Prints the path of a small Debian root for the first-boot tests, building it
# once (cached under ~/.cache/koompi, keyed by the release and package list):
# minbase + the PAM stack that `login` and SDDM use, pamtester, openssl, and
# SDDM's own PAM service file taken from Debian's sddm package (not installed).
#   scratch-root.sh [RELEASE]
set -euo pipefail

release=${1:-bookworm}
packages=login,passwd,libpam-modules,libpam-runtime,pamtester,openssl,util-linux,mount,procps
cache=${KOOMPI_CACHE:-$HOME/.cache/koompi}
key=$(printf '%s %s v1' "$release" "$packages" | sha256sum | cut -c1-12)
root=$cache/firstboot-root-$release-$key
if [[ -f "$root/.koompi-complete" ]]; then
  echo "$root"
  exit 0
fi
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.firstboot-root.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
debootstrap --variant=minbase --include="$packages" "$release" "$tmp/root" >"$tmp/log" 2>&1 ||
  { tail -n 30 "$tmp/log" >&2; exit 1; }
# SDDM's PAM service, byte for byte from the package (Debian's sddm depends on Qt:
# only the file is wanted).
(cd "$tmp" && chroot "$tmp/root" apt-get download sddm >/dev/null 2>&1 && :) || true
deb=$(find "$tmp/root" -maxdepth 1 -name 'sddm_*.deb' | head -n 1)
[[ -n "$deb" ]] || { echo "scratch-root: could not download sddm" >&2; exit 1; }
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./etc/pam.d/sddm >"$tmp/root/etc/pam.d/sddm"
rm -f "$deb"
chroot "$tmp/root" apt-get clean
touch "$tmp/root/.koompi-complete"
mv "$tmp/root" "$root"
echo "$root"
