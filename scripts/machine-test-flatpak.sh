#!/bin/sh
# Run inside the test machine's root while it is built (scripts/machine.sh):
# a local Flatpak repository, added as the system remote "koompi" that
# koompid installs from. It holds a small runtime and a stand-in for one
# catalog app (org.gimp.GIMP: `koompi "ដំឡើង GIMP"` resolves to it), each a
# few bytes, so a teacher's install in tests/machine is a real Flatpak install.
#   machine-test-flatpak.sh REPO
set -eu
repo=$1
arch=$(flatpak --default-arch)
work=$(mktemp -d)
mkdir -p "$work/rt/files" "$work/rt/usr" "$work/app/files/bin"
printf '[Runtime]\nname=org.koompi.TestPlatform\nruntime=org.koompi.TestPlatform/%s/1\nsdk=org.koompi.TestPlatform/%s/1\n' \
  "$arch" "$arch" > "$work/rt/metadata"
echo 'KOOMPI test runtime' > "$work/rt/usr/README"
flatpak build-export --runtime "$repo" "$work/rt" 1 > /dev/null
printf '[Application]\nname=org.gimp.GIMP\nruntime=org.koompi.TestPlatform/%s/1\nsdk=org.koompi.TestPlatform/%s/1\n' \
  "$arch" "$arch" > "$work/app/metadata"
printf '#!/bin/sh\necho "stand-in for GIMP (KOOMPI test machine)"\n' > "$work/app/files/bin/run"
chmod +x "$work/app/files/bin/run"
flatpak build-finish "$work/app" --command=run > /dev/null
flatpak build-export "$repo" "$work/app" stable > /dev/null
flatpak --system remote-add --if-not-exists --no-gpg-verify koompi "file://$repo" > /dev/null
rm -rf "$work"
