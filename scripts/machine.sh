#!/usr/bin/env bash
# A booted KOOMPI machine for the test suite (docs/machine.md), as root:
#
#   scripts/machine.sh up [--release trixie|sid] [--desktop]
#                                                 build (cached) and boot it; prints MACHINE_PID=…
#                                                 --desktop: Plasma 6's pieces and the apps too
#   scripts/machine.sh run USER -- CMD…           CMD inside, as USER, in a real login session
#                                                 (PAM "login", logind, the user's session bus)
#   scripts/machine.sh exec -- CMD…               CMD inside as root, outside any session
#   scripts/machine.sh reboot [--no-bless]        power off, choose the boot entry as systemd-boot
#                                                 would (boot counting included), boot again;
#                                                 --no-bless: this boot counts as failed
#   scripts/machine.sh down                       power off and remove the disk
#   scripts/machine.sh status                     MACHINE_PID and the booted entry, or exit 1
#
# The root comes from Debian packages (debootstrap; iso/packages.debian.tsv maps
# the image's Arch packages to Debian's), is cached under ~/.cache/koompi keyed
# by that list, and gets the image's own overlay (iso/airootfs) and the suite as
# the PKGBUILD's package functions install it. It lives on a Btrfs loop device
# with the image's subvolumes (@ @home @var @snapshots) and boots with systemd as
# PID 1 under systemd-nspawn, `/` read-only as the image's fstab says. The boot
# entry's `rootflags=subvol=` names the subvolume that becomes `/`.
#
# State (disk, mounts, PID) lives in $KOOMPI_MACHINE_STATE (default
# /tmp/koompi-machine); one machine per state folder.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
state=${KOOMPI_MACHINE_STATE:-/tmp/koompi-machine}
cache=${KOOMPI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/koompi}
mirror=${KOOMPI_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Bump when the way the root is made changes (the package list is in the key anyway).
ROOT_RECIPE=3
# Who first boot makes (as koompi-install's setup file says) and the admin's password.
ADMIN=${KOOMPI_MACHINE_ADMIN:-admin}
ADMIN_PASSWORD=${KOOMPI_MACHINE_ADMIN_PASSWORD:-koompi-admin-pw}

die() { echo "machine.sh: $*" >&2; exit 1; }
log() { echo "machine.sh: $*" >&2; }
[[ $(id -u) -eq 0 ]] || die "run as root"

debian_packages() { # the Debian column of iso/packages.debian.tsv, one a line, sorted
  awk -F'\t' '!/^#/ && NF >= 2 && $2 != "-" { print $2 }' "$repo/iso/packages.debian.tsv" | sort -u
}

desktop_packages() { # the desktop column (the third): what `up --desktop` adds, one a line, sorted
  awk -F'\t' '!/^#/ && NF >= 3 && $3 != "-" { n = split($3, p, " "); for (i = 1; i <= n; i++) print p[i] }' "$repo/iso/packages.debian.tsv" | sort -u
}

root_key() {
  { echo "recipe $ROOT_RECIPE"; echo "release $1"; debian_packages; cat "$here/machine-test-packages.sh" "$here/machine-test-flatpak.sh"; } |
    sha256sum | cut -c1-12
}

# The cached root: debootstrap, a local apt repository of small test packages
# (scripts/machine-test-packages.sh) as the only source, apt's lists current.
build_root() {
  local release=$1 dir tmp pkgs
  dir="$cache/machine-root-$release-$(root_key "$release")"
  if [[ -e "$dir/.complete" ]]; then echo "$dir"; return; fi
  tmp="$dir.tmp.$$"
  rm -rf "$dir".tmp.* # a build that was stopped half-way
  mkdir -p "$cache"
  pkgs=$(debian_packages | paste -sd,)
  log "building the $release root (debootstrap; once, cached in $dir)"
  debootstrap --variant=minbase --include="$pkgs" "$release" "$tmp" "$mirror" >"$tmp.log" 2>&1 ||
    { tail -20 "$tmp.log" >&2; die "debootstrap failed (log: $tmp.log)"; }
  bash "$here/machine-test-packages.sh" "$tmp/srv/koompi-repo"
  chroot "$tmp" sh -c 'cd /srv/koompi-repo && dpkg-scanpackages --multiversion . > Packages 2>/dev/null'
  # The school's Flatpak remote "koompi" (koompid.service names it): a local
  # repository with a small runtime and a stand-in for a catalog app.
  install -m 0755 "$here/machine-test-flatpak.sh" "$tmp/tmp/machine-test-flatpak.sh"
  mount -t proc proc "$tmp/proc"
  chroot "$tmp" sh /tmp/machine-test-flatpak.sh /srv/koompi-flatpak || { umount "$tmp/proc"; die "the test Flatpak repository failed"; }
  umount "$tmp/proc"
  rm -f "$tmp/tmp/machine-test-flatpak.sh"
  printf 'deb [trusted=yes] file:/srv/koompi-repo ./\n' > "$tmp/etc/apt/sources.list"
  rm -f "$tmp"/etc/apt/sources.list.d/*
  chroot "$tmp" apt-get -q update >/dev/null
  chroot "$tmp" apt-get clean
  rm -f "$tmp/etc/machine-id" "$tmp/var/lib/dbus/machine-id"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  rm -f "$tmp.log"
  echo "$dir"
}

# The desktop root: the plain root (copied) plus the desktop column, from
# Debian's mirror with --no-install-recommends; keyed by the plain root's key
# and that column. apt's only source stays the local test repository.
DESKTOP_RECIPE=1
build_desktop_root() {
  local release=$1 base dir tmp key
  base=$(build_root "$release")
  key=$({ echo "desktop recipe $DESKTOP_RECIPE"; basename "$base"; desktop_packages; } | sha256sum | cut -c1-12)
  dir="$cache/machine-desktop-$release-$key"
  if [[ -e "$dir/.complete" ]]; then echo "$dir"; return; fi
  tmp="$dir.tmp.$$"
  # A build stopped half-way may have left its proc and dev mounted: never
  # remove across a mount.
  for d in "$dir".tmp.*/; do [[ -d "$d" ]] && { umount "$d/dev" "$d/proc" 2>/dev/null || true; }; done
  rm -rf --one-file-system "$dir".tmp.*
  log "building the $release desktop root (once, cached in $dir)"
  cp -a "$base" "$tmp"
  rm -f "$tmp/.complete"
  printf 'deb %s %s main\n' "$mirror" "$release" > "$tmp/etc/apt/sources.list.d/debian.list"
  # No service starts inside the chroot.
  printf '#!/bin/sh\nexit 101\n' | install -m 0755 /dev/stdin "$tmp/usr/sbin/policy-rc.d"
  mount -t proc proc "$tmp/proc"
  mount --bind /dev "$tmp/dev"
  local ok=yes
  # shellcheck disable=SC2046
  {
    # A mirror's sid can lag this machine's clock: its Release is then "expired"
    # (debootstrap, for the plain root, does not check).
    chroot "$tmp" apt-get -q -o Acquire::Check-Valid-Until=false update &&
      chroot "$tmp" env DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends install $(desktop_packages)
  } >"$tmp.log" 2>&1 || ok=""
  umount "$tmp/dev" "$tmp/proc"
  [[ -n "$ok" ]] || { tail -20 "$tmp.log" >&2; die "the desktop packages failed (log: $tmp.log)"; }
  rm -f "$tmp/etc/apt/sources.list.d/debian.list" "$tmp/usr/sbin/policy-rc.d"
  chroot "$tmp" apt-get -q update >/dev/null
  chroot "$tmp" apt-get clean
  rm -f "$tmp/etc/machine-id" "$tmp/var/lib/dbus/machine-id"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  rm -f "$tmp.log"
  echo "$dir"
}

# NodeGui's addon against the desktop root's Qt: bindings/qt/build.mjs run in a
# chroot of the cached root, with this checkout and the cache bound in. The
# addon is cached in the cache by build.mjs's own key (NodeGui, Qt, Node-API
# versions, the shim), so it is built once per Qt. Prints the addon's path.
desktop_addon() {
  local rootdir=$1 mnt="$state/addon-root" out
  [[ -e "$repo/node_modules/@nodegui/nodegui/package.json" ]] || die "no node_modules: run 'node scripts/setup.mjs' first"
  mkdir -p "$mnt" "$cache"
  mount --bind "$rootdir" "$mnt"
  mount -t proc proc "$mnt/proc"
  mount --bind /dev "$mnt/dev"
  mkdir -p "$mnt/tmp/koompi-src" "$mnt/tmp/koompi-cache" "$mnt/tmp/koompi-node-headers"
  mount --bind "$repo" "$mnt/tmp/koompi-src"
  mount --bind "$cache" "$mnt/tmp/koompi-cache"
  mount --bind "$(node_headers)" "$mnt/tmp/koompi-node-headers"
  out=$(chroot "$mnt" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    KOOMPI_CACHE_DIR=/tmp/koompi-cache KOOMPI_NODE_HEADERS=/tmp/koompi-node-headers \
    node /tmp/koompi-src/bindings/qt/build.mjs --no-install --print-artifact >"$state/addon.log" 2>&1 && tail -n 1 "$state/addon.log") || out=""
  umount "$mnt/tmp/koompi-node-headers" "$mnt/tmp/koompi-cache" "$mnt/tmp/koompi-src" "$mnt/dev" "$mnt/proc" "$mnt"
  rmdir "$mnt/tmp/koompi-src" "$mnt/tmp/koompi-cache" "$mnt/tmp/koompi-node-headers" 2>/dev/null || true
  [[ -n "$out" ]] || { tail -30 "$state/addon.log" >&2; die "building NodeGui in the desktop root failed (log: $state/addon.log)"; }
  echo "$cache/${out#/tmp/koompi-cache/}"
}

node_headers() { # node_api.h and uv.h for the addon build (any Node's: Node-API is stable)
  local d
  for d in "${KOOMPI_NODE_HEADERS:-}" "$(dirname "$(dirname "$(command -v node)")")/include/node" "$cache"/node-*/include/node; do
    [[ -n "$d" && -e "$d/node_api.h" && -e "$d/uv.h" ]] && { echo "$d"; return; }
  done
  die "Node's C headers (node_api.h, uv.h) not found"
}

loopdev() { cat "$state/loop"; }
top() { echo "$state/top"; }

# The disk: a sparse file on a loop device, Btrfs labelled KOOMPI, the image's
# subvolumes; @ holds the root with /var and /home moved to their own.
make_disk() {
  local rootdir=$1 top loop
  top=$(top)
  mkdir -p "$state" "$top" "$state/esp"
  truncate -s "${KOOMPI_MACHINE_DISK:-6G}" "$state/disk.img"
  loop=$(losetup -f --show "$state/disk.img")
  echo "$loop" > "$state/loop"
  mkfs.btrfs -q -f -L KOOMPI "$loop" >/dev/null
  mount -o noatime,compress=zstd:1 "$loop" "$top"
  for sv in @ @home @var @snapshots; do btrfs -q subvolume create "$top/$sv" >/dev/null; done
  cp -a "$rootdir/." "$top/@/"
  rm -f "$top/@/.complete"
  cp -a "$top/@/var/." "$top/@var/"
  rm -rf "$top/@/var" && mkdir "$top/@/var"
  # The package database belongs to the root it describes, as the image's
  # pacman.conf keeps pacman's in @: dpkg's moves into @ (/usr/lib/koompi/dpkg),
  # so a rolled-back root and its database agree.
  mkdir -p "$top/@/usr/lib/koompi"
  mv "$top/@var/lib/dpkg" "$top/@/usr/lib/koompi/dpkg"
  ln -s /usr/lib/koompi/dpkg "$top/@var/lib/dpkg"
  if [[ -d "$top/@/home" ]]; then cp -a "$top/@/home/." "$top/@home/" && rm -rf "$top/@/home"; fi
  mkdir -p "$top/@/home" "$top/@/.snapshots" "$top/@/run/koompi/btrfs"
  chmod 0700 "$top/@snapshots"
}

# The image's overlay, with the modes profiledef.sh gives (as mkarchiso does).
apply_overlay() {
  local root=$1 entry path mode
  cp -a --remove-destination --no-preserve=ownership "$repo/iso/airootfs/." "$root/"
  # The image installs this fstab (koompi-install); nspawn mounts its lines.
  install -m 0644 "$repo/iso/airootfs/usr/share/koompi/install/fstab" "$root/etc/fstab"
  while IFS= read -r entry; do
    path=${entry%%=*}
    mode=${entry#*=}
    chown "${mode%%:*}:$(cut -d: -f2 <<<"$mode")" "$root$path"
    chmod "${mode##*:}" "$root$path"
  done < <(bash -c 'declare -A file_permissions; source "$1"; for k in "${!file_permissions[@]}"; do echo "$k=${file_permissions[$k]}"; done' _ "$repo/iso/profiledef.sh")
}

# The suite, by the PKGBUILD's own package functions, from this checkout's build.
install_suite() {
  local root=$1 addon=${2:-} src="$state/pkgsrc" pkgs=(koompi-daemon koompi-cli)
  [[ -n "$addon" ]] && pkgs+=(koompi-suite)
  [[ -e "$repo/apps/daemon/dist/main.js" && -e "$repo/apps/cli/dist/main.js" ]] ||
    die "the suite is not built: run 'node scripts/setup.mjs' first"
  rm -rf "$src" && mkdir -p "$src"
  ln -s "$repo" "$src/koompi"
  (
    # shellcheck disable=SC1091
    source "$repo/packaging/koompi/PKGBUILD"
    srcdir=$src
    for p in "${pkgs[@]}"; do
      pkgdir=$root
      "package_$p"
    done
  )
  # The desktop machine's apps load NodeGui built against its own Qt.
  if [[ -n "$addon" ]]; then
    install -m 0755 "$addon" "$root/usr/lib/koompi/suite/node_modules/@nodegui/nodegui/build/Release/nodegui_core.node"
  fi
  # What pacman does after installing: sysusers, tmpfiles.
  chroot "$root" systemd-sysusers >/dev/null
  # Two units that have no job in a container: the kernel's modules are the
  # host's, and nspawn has already mounted / read-only as fstab says.
  ln -sf /dev/null "$root/etc/systemd/system/systemd-modules-load.service"
  ln -sf /dev/null "$root/etc/systemd/system/systemd-remount-fs.service"
}

# What koompi-install writes for first boot: the setup file, the admin's hash
# (never the password), the boot loader's entry and its default.
first_boot_setup() {
  local root=$1 esp=$state/esp
  install -d -m 0755 "$root/etc/koompi"
  cat > "$root/etc/koompi/setup.conf" <<EOF
LANGUAGE=km
SCHOOL=KOOMPI Test School
ADMIN=$ADMIN
TEACHERS=teacher
STUDENTS=student
EOF
  printf '%s\n' "$ADMIN_PASSWORD" | openssl passwd -6 -stdin | install -m 0600 /dev/stdin "$root/etc/koompi/admin.shadow"
  install -d "$esp/loader/entries"
  printf 'timeout 3\n' > "$esp/loader/loader.conf"
  cat > "$esp/loader/entries/koompi.conf" <<EOF
title   KOOMPI OS
version 1
linux   /vmlinuz-linux-lts
initrd  /initramfs-linux-lts.img
options root=LABEL=KOOMPI rootflags=subvol=@ ro quiet splash
EOF
}

# systemd-boot's choice among loader/entries: loader.conf's default (a glob) if
# it matches a good entry, else the first by sort-key, then version (newest
# first), then name; an entry whose boot counter says no tries are left
# ("+0" or "+0-N") goes last. Prints the entry's file name.
choose_entry() {
  local entries=$state/esp/loader/entries default f names=() name
  default=$(sed -n 's/^default[[:space:]]\+//p' "$state/esp/loader/loader.conf" 2>/dev/null | tail -n 1)
  for f in "$entries"/*.conf; do [[ -e "$f" ]] && names+=("$(basename "$f")"); done
  ((${#names[@]})) || return 0
  mapfile -t names < <(sort_entries "${names[@]}")
  if [[ -n "$default" ]]; then
    for name in "${names[@]}"; do
      [[ "$name" =~ \+0(-[0-9]+)?\.conf$ ]] && continue
      # The default names an entry by its id: the file name without the counter.
      # shellcheck disable=SC2053
      if [[ "$name" == $default || "$(entry_id "$name").conf" == $default ]]; then echo "$name"; return; fi
    done
  fi
  echo "${names[0]}"
}
entry_id() { local n=${1%.conf}; echo "${n%%+*}"; }
sort_entries() { # names → sorted good-first by sort-key, version (newest first), name
  local n v k
  for n in "$@"; do
    k=$(sed -n 's/^sort-key[[:space:]]\+//p' "$state/esp/loader/entries/$n" | head -n 1)
    v=$(sed -n 's/^version[[:space:]]\+//p' "$state/esp/loader/entries/$n" | head -n 1)
    if [[ "$n" =~ \+0(-[0-9]+)?\.conf$ ]]; then printf '1\t%s\t%s\t%s\n' "${k:-~}" "${v:-0}" "$n"; else printf '0\t%s\t%s\t%s\n' "${k:-~}" "${v:-0}" "$n"; fi
  done | sort -t$'\t' -k1,1 -k2,2 -k3,3Vr -k4,4 | cut -f4
}

# Boot counting as systemd-boot does it: booting NAME+T-D.conf (or NAME+T.conf)
# with T > 0 renames it NAME+(T-1)-(D+1).conf. Prints the new name.
count_boot() {
  local name=$1 base t d new entries=$state/esp/loader/entries
  if [[ "$name" =~ ^(.*)\+([0-9]+)(-([0-9]+))?\.conf$ ]]; then
    base=${BASH_REMATCH[1]} t=${BASH_REMATCH[2]} d=${BASH_REMATCH[4]:-0}
    if ((t > 0)); then
      new="$base+$((t - 1))-$((d + 1)).conf"
      mv "$entries/$name" "$entries/$new"
      echo "$new"
      return
    fi
  fi
  echo "$name"
}

# What systemd-bless-boot does once boot-complete.target is reached: the
# entry booted loses its counter (NAME+T-D.conf becomes NAME.conf). A container
# has no EFI variables to run it with, so machine.sh blesses the entry when the
# machine reaches "running" (unless `reboot --no-bless` says the boot failed).
bless() {
  local name entries=$state/esp/loader/entries
  name=$(cat "$state/entry")
  if [[ "$name" == *+* && -e "$entries/$name" ]]; then
    mv "$entries/$name" "$entries/$(entry_id "$name").conf"
    echo "$(entry_id "$name").conf" > "$state/entry"
    log "blessed $(entry_id "$name").conf"
  fi
}

entry_subvol() { # entry file → the subvolume its rootflags name (default @)
  local sv
  sv=$(grep -o 'rootflags=[^ ]*' "$state/esp/loader/entries/$1" | head -n 1 | tr ',' '\n' | sed -n 's/^\(rootflags=\)\?subvol=//p' | head -n 1)
  sv=${sv#/}
  echo "${sv:-@}"
}

boot() {
  local entry subvol top pid i
  top=$(top)
  entry=$(choose_entry)
  [[ -n "$entry" ]] || die "no boot entry in $state/esp/loader/entries"
  entry=$(count_boot "$entry")
  subvol=$(entry_subvol "$entry")
  [[ -d "$top/$subvol" ]] || die "entry $entry names subvolume $subvol, which is not on the disk"
  echo "$entry" > "$state/entry"
  echo "$subvol" > "$state/subvol"
  # What systemd-boot tells the booted system: the entry (LoaderEntrySelected)
  # and its counter file (LoaderBootCountPath). Without EFI variables in a
  # container, the machine reads them from /run/koompi/loader (docs/machine.md).
  mkdir -p "$state/loader"
  printf '%s\n' "${entry%.conf}" > "$state/loader/LoaderEntrySelected"
  printf '/loader/entries/%s\n' "$entry" > "$state/loader/LoaderBootCountPath"
  # nspawn keeps a folder per machine name under /run/systemd/nspawn/propagate;
  # this host's /run is no tmpfs, so nspawn refuses to clean a stale one up:
  # one name per state folder, and a stale folder of ours goes first.
  local name
  name="koompi-$(printf '%s' "$state" | sha256sum | cut -c1-8)"
  rm -rf "/run/systemd/nspawn/propagate/$name"
  log "booting entry $entry (root subvolume $subvol)"
  : > "$state/console.log"
  local t0
  t0=$(date +%s%N)
  # The machine gets the unified cgroup hierarchy (cgroup v2) even where this
  # host mounts the hybrid one: systemd 258 and later (sid) no longer boot on v1.
  SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 systemd-nspawn -q -D "$top/$subvol" --boot --register=no --keep-unit --console=pipe \
    --read-only --machine="$name" --hostname=koompi \
    --bind="$top/@home:/home" --bind="$top/@var:/var" --bind-ro="$top/@snapshots:/.snapshots" \
    --bind="$top:/run/koompi/btrfs" --bind="$state/esp:/boot" --bind-ro="$state/loader:/run/koompi/loader" \
    --capability=all --system-call-filter='@mount @swap' \
    --bind="$(loopdev)" \
    </dev/null >>"$state/console.log" 2>&1 &
  echo $! > "$state/nspawn.pid"
  # The machine's PID 1 is nspawn's child.
  for ((i = 0; i < 100; i++)); do
    pid=$(pgrep -P "$(cat "$state/nspawn.pid")" 2>/dev/null | head -n 1 || true)
    if [[ -n "$pid" ]] && [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */systemd ]]; then break; fi
    kill -0 "$(cat "$state/nspawn.pid")" 2>/dev/null || { cat "$state/console.log" >&2; die "nspawn exited"; }
    sleep 0.1
  done
  echo "$pid" > "$state/pid"
  local ok=yes
  wait_running || ok=""
  echo "$((($(date +%s%N) - t0) / 1000000))" > "$state/boot-ms"
  if [[ -n "$ok" && "${1:-bless}" == bless ]]; then bless; fi
}

machine_pid() { [[ -s "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null && cat "$state/pid"; }

in_machine() { # CMD… in every namespace of the machine, as root
  local pid
  pid=$(machine_pid) || die "no machine is running (scripts/machine.sh up)"
  nsenter -t "$pid" -a -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
}

wait_running() {
  local s i
  for ((i = 0; i < 600; i++)); do
    s=$(in_machine systemctl is-system-running 2>/dev/null || true)
    case "$s" in
      running) log "running (PID 1 is $(cat "$state/pid"))"; return 0 ;;
      degraded)
        log "degraded: $(in_machine systemctl --failed --no-legend --plain | awk '{print $1}' | paste -sd' ')"
        return 1 ;;
    esac
    sleep 0.2
  done
  tail -30 "$state/console.log" >&2
  die "the machine did not reach 'running' (state: ${s:-none})"
}

poweroff() {
  local pid npid i
  pid=$(machine_pid) || return 0
  npid=$(cat "$state/nspawn.pid")
  # SIGRTMIN+4 asks systemd for poweroff (what `poweroff` from inside does).
  kill -s RTMIN+4 "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$npid" 2>/dev/null; then kill -9 "$npid" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$state/pid"
}

cmd_up() {
  local release=trixie rootdir top desktop="" addon=""
  while (($#)); do
    case "$1" in
      --desktop) desktop=yes; shift ;;
      --release) release=$2; shift 2 ;;
      --release=*) release=${1#*=}; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$release" =~ ^(trixie|sid|unstable)$ ]] || die "release must be trixie or sid"
  [[ "$release" == unstable ]] && release=sid
  if machine_pid >/dev/null; then die "a machine is already running in $state (scripts/machine.sh down)"; fi
  cmd_down >/dev/null 2>&1 || true
  if [[ -n "$desktop" ]]; then
    mkdir -p "$state"
    rootdir=$(build_desktop_root "$release")
    addon=$(desktop_addon "$rootdir")
  else
    rootdir=$(build_root "$release")
  fi
  make_disk "$rootdir"
  top=$(top)
  apply_overlay "$top/@"
  install_suite "$top/@" "$addon"
  first_boot_setup "$top/@"
  echo "$release" > "$state/release"
  boot
  echo "MACHINE_PID=$(cat "$state/pid")"
}

cmd_run() {
  local user=$1
  shift
  [[ "${1:-}" == -- ]] && shift
  (($#)) || die "usage: machine.sh run USER -- CMD…"
  # A transient service through PAM's "login" stack, as machinectl shell does:
  # pam_systemd registers a logind session and starts the user's manager and bus.
  in_machine systemd-run --quiet --wait --pipe --collect --service-type=exec \
    -p PAMName=login -p User="$user" -p WorkingDirectory='~' \
    -E XDG_SESSION_CLASS=user -E XDG_SESSION_TYPE=tty \
    -E LANG="${KOOMPI_MACHINE_LANG:-km_KH.UTF-8}" -E TERM=dumb -- "$@"
}

cmd_exec() {
  [[ "${1:-}" == -- ]] && shift
  in_machine "$@"
}

cmd_reboot() {
  local how=bless
  [[ "${1:-}" == --no-bless ]] && how=no-bless
  machine_pid >/dev/null || die "no machine is running"
  poweroff
  boot "$how"
  echo "MACHINE_PID=$(cat "$state/pid")"
}

cmd_down() {
  poweroff
  if [[ -d "$state" ]]; then
    mountpoint -q "$state/top" && umount -R "$state/top"
    # An addon build stopped half-way (desktop_addon) leaves its binds here.
    mountpoint -q "$state/addon-root" && umount -R "$state/addon-root"
    [[ -s "$state/loop" ]] && losetup -d "$(cat "$state/loop")" 2>/dev/null
    rm -rf --one-file-system "$state"
  fi
  return 0
}

cmd_status() {
  local pid
  pid=$(machine_pid) || { echo "no machine"; return 1; }
  echo "MACHINE_PID=$pid"
  echo "ENTRY=$(cat "$state/entry")"
  echo "SUBVOL=$(cat "$state/subvol")"
  echo "BOOT_MS=$(cat "$state/boot-ms")"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  run) shift; (($#)) || die "usage: machine.sh run USER -- CMD…"; cmd_run "$@" ;;
  exec) shift; cmd_exec "$@" ;;
  reboot) shift; cmd_reboot "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  root) shift; build_root "${1:-trixie}" ;;
  desktop-root) shift; mkdir -p "$state"; d=$(build_desktop_root "${1:-trixie}"); echo "$d"; desktop_addon "$d" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \?//'; exit 2 ;;
esac
