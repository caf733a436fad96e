#!/bin/sh
# init of the boot test's initramfs: one "machine" with a Btrfs disk (/dev/vda)
# whose state survives reboots (qemu restarts the same VM on `reboot -f`).
# Every boot runs the three parts of KOOMPI's rollback in order:
#   1. systemd-boot: choose the entry (entries with tries left first, highest
#      version first; an entry with +0-N sorts last) and count a try down
#      (+3 → +2-1 → +1-2 → +0-3) before booting it;
#   2. the boot: mount the entry's root subvolume (rootflags=subvol=…);
#   3. boot assessment: the health check (koompi-boot-check's part) passes
#      when the root works; a good counted boot is blessed (systemd-bless-boot:
#      the counter leaves the file name); a failed one reboots.
# The first boot installs (@ @home @var @snapshots; koompi.conf on @, version 1)
# and applies an update the way koompid stages it (docs/koompid.md): a
# snapshot of @ in @snapshots/1, a writable snapshot with the update as
# .@root-1.partial renamed to a fresh @root-1, and koompi-root-1+3.conf (temp
# file + rename) with a higher version. The update is broken (its desktop does not
# start), so after 3 failed tries the machine must come back on @ by itself.
# Lines starting with KOOMPI-TEST are what the test reads on the serial console.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
while read -r ko; do insmod "/modules/$ko" 2>/dev/null; done < /modules/order
say() { echo "KOOMPI-TEST $*"; }
die() { say "ERROR $*"; sync; poweroff -f; }

i=0
while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -b /dev/vda ] || die "no disk"

if ! mount -t btrfs -o subvolid=5 /dev/vda /top 2>/dev/null; then
  # First boot: install KOOMPI.
  mkfs.btrfs -q -f -L KOOMPI /dev/vda >/dev/null || die "mkfs.btrfs"
  mount -t btrfs -o subvolid=5 /dev/vda /top || die "mount"
  for sub in @ @home @var @snapshots @boot; do btrfs -q subvolume create "/top/$sub" >/dev/null || die "subvolume $sub"; done
  mkdir -p /top/@/etc /top/@boot/loader/entries
  echo 1 > /top/@/etc/koompi-version
  printf 'title KOOMPI OS\nversion 1\noptions root=LABEL=KOOMPI rootflags=subvol=@ ro\n' > /top/@boot/loader/entries/koompi.conf
  say "installed subvolumes: $(btrfs subvolume list /top | sed 's/.* path //' | tr '\n' ' ')"

  # An update, staged as koompid stages a root for the next boot.
  mkdir -p /top/@snapshots/1
  btrfs -q subvolume snapshot -r /top/@ /top/@snapshots/1/snapshot >/dev/null || die "snapshot"
  btrfs -q subvolume snapshot /top/@ /top/.@root-1.partial >/dev/null || die "staged snapshot"
  echo 2 > /top/.@root-1.partial/etc/koompi-version
  touch /top/.@root-1.partial/etc/desktop-broken # this update breaks the desktop
  mv /top/.@root-1.partial /top/@root-1
  entries=/top/@boot/loader/entries
  sed -e 's/^title .*/title KOOMPI OS (update 2)/' -e 's/^version .*/version 2/' \
    -e 's/subvol=@ /subvol=@root-1 /' "$entries/koompi.conf" > "$entries/.koompi-root-1.tmp"
  mv "$entries/.koompi-root-1.tmp" "$entries/koompi-root-1+3.conf"
  say "update staged: snapshot 1 of @, @root-1, koompi-root-1+3.conf"
  sync
fi

# 1. systemd-boot: choose an entry.
entries=/top/@boot/loader/entries
best="" best_version=-1 fallback=""
for f in "$entries"/*.conf; do
  name=$(basename "$f")
  version=$(sed -n 's/^version //p' "$f")
  case "$name" in
    *+0-*.conf) fallback=${fallback:-$name}; continue ;; # no tries left: last
  esac
  if [ "$version" -gt "$best_version" ]; then best=$name best_version=$version; fi
done
best=${best:-$fallback}
[ -n "$best" ] || die "no boot entry"
case "$best" in
  *+*.conf)
    counter=${best##*+}; counter=${counter%.conf}; base=${best%+*}
    left=${counter%%-*}; done_=0
    case "$counter" in *-*) done_=${counter#*-} ;; esac
    if [ "$left" -gt 0 ]; then
      next="$base+$((left - 1))-$((done_ + 1)).conf"
      mv "$entries/$best" "$entries/$next"
      sync
      best=$next
    fi
    ;;
esac
subvol=$(sed -n 's/.*rootflags=subvol=\([^ ]*\).*/\1/p' "$entries/$best")
say "boot entry=$best root=$subvol"

# 2. the boot.
mount -t btrfs -o "ro,subvol=$subvol" /dev/vda /mnt || die "mount root $subvol"
version=$(cat /mnt/etc/koompi-version)

# 3. boot assessment.
if [ -e /mnt/etc/desktop-broken ]; then
  say "health check failed version=$version: rebooting"
  umount /mnt; umount /top; sync
  reboot -f
fi
case "$best" in
  *+*.conf)
    blessed="${best%+*}.conf"
    mv "$entries/$best" "$entries/$blessed"
    say "blessed $blessed"
    ;;
esac
names=""
for f in "$entries"/*.conf; do names="$names $(basename "$f")"; done
say "healthy version=$version root=$subvol entries:$names"
umount /mnt; umount /top; sync
poweroff -f
