#!/bin/bash
# Builds the KOOMPI OS image on Arch Linux:
#   sudo scripts/build-iso.sh [OUT_DIR]          (default: out/)
# 1. builds KOOMPI's own packages from packaging/ with makepkg (as $SUDO_USER;
#    makepkg refuses root) into a local pacman repository;
# 2. runs mkarchiso on iso/ with that repository as [koompi].
# Elsewhere (Debian, CI) it refuses: use `npm run check:iso` to validate the
# profile, and the boot test (tests/iso/boot.test.ts) for the rollback logic.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$here/out}
work=${KOOMPI_ISO_WORK:-/var/tmp/koompi-iso-work}
repo=${KOOMPI_REPO_DIR:-/var/tmp/koompi-repo}

refuse() { echo "build-iso: $*" >&2; exit 1; }
system=$(sed -n 's/^PRETTY_NAME=//p' /etc/os-release 2>/dev/null | tr -d '"')
[[ -f /etc/arch-release ]] || refuse "the image is built on Arch Linux, not on ${system:-this system}; here, run: npm run check:iso (and the boot test)"
command -v mkarchiso >/dev/null || refuse "mkarchiso is missing: pacman -S archiso"
command -v makepkg >/dev/null || refuse "makepkg is missing: pacman -S base-devel"
[[ $EUID -eq 0 ]] || refuse "mkarchiso needs root: sudo $0"
builder=${SUDO_USER:-}
[[ -n "$builder" && "$builder" != root ]] || refuse "run through sudo from a normal account (makepkg refuses root)"

node "$here/iso/check.mjs" || refuse "the profile does not pass check.mjs"

# 1. KOOMPI's packages into a local repository.
install -d -o "$builder" "$repo"
for pkgbuild in "$here"/packaging/*/PKGBUILD; do
  dir=$(dirname "$pkgbuild")
  sudo -u "$builder" env PKGDEST="$repo" KOOMPI_SRC="$here" makepkg --syncdeps --noconfirm --cleanbuild --force -D "$dir"
done
repo-add --new --remove "$repo/koompi.db.tar.zst" "$repo"/*.pkg.tar.zst

# 2. The image, with [koompi] pointing at the local repository.
profile=$(mktemp -d /var/tmp/koompi-profile.XXXXXX)
trap 'rm -rf "$profile"' EXIT
cp -a "$here/iso/." "$profile/"
sed -i "s#^Server = file:///var/cache/koompi/repo\$#Server = file://$repo#" "$profile/pacman.conf"
rm -rf "$work"
mkarchiso -v -w "$work" -o "$out" "$profile"
echo "build-iso: image in $out"
