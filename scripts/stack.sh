#!/usr/bin/env bash
# The real koompid stack on a development machine (Debian, as root), for tests,
# benchmarks and trying things by hand:
#
#   eval "$(scripts/stack.sh up)"     # prints export lines
#   scripts/stack.sh status
#   scripts/stack.sh restart-daemon   # restarts koompid (KOOMPID_FAULT passes through)
#   scripts/stack.sh down
#
# `up` starts private system and session dbus-daemons, polkitd (inside its own
# mount namespace, with KOOMPI's policy and rules bind-mounted over the host's
# directories), packagekitd with its dummy backend (its state dirs bind-mounted
# likewise), a Btrfs file system on a loop device mounted under the stack dir as
# the managed root (@, @home, @var, @snapshots), a local Flatpak repository
# (file://) with a system installation inside @var, and koompid. It creates the
# groups koompi-admin, koompi-teacher, koompi-student and koompi-guest if missing.
# The host's /, /etc/snapper, polkit rules and PackageKit state are not touched.
#
# State lives in $KOOMPI_STACK_DIR (default /tmp/koompi-stack): `pids` lists
# every process started, `loopdev` the loop device, so `down` can stop them by
# PID and detach the device even after a failed `up`. A second `up` on a live
# stack prints its exports again and starts nothing.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${KOOMPI_STACK_DIR:-/tmp/koompi-stack}"
DISK_SIZE="${KOOMPI_STACK_DISK_SIZE:-1G}"
GROUPS_NEEDED=(koompi-admin koompi-teacher koompi-student koompi-guest)

log() { printf '[stack] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# Running, and not a zombie waiting for its reaper (our daemons outlive this script).
alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  [[ "$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

# A process's start time (clock ticks since boot): with the PID it names one
# process, so a PID reused by someone else's process is never signalled.
start_time() { awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null || true; }

record_pid() { printf '%s %s %s\n' "$1" "$2" "$(start_time "$2")" >>"$DIR/pids"; }

ours() { alive "$1" && [[ "$(start_time "$1")" == "$2" ]]; }

pid_of() {
  [[ -f "$DIR/pids" ]] || return 0
  local name pid start found=""
  while read -r name pid start; do
    if [[ "$name" == "$1" ]] && ours "$pid" "$start"; then found="$pid"; fi
  done <"$DIR/pids"
  printf '%s' "$found"
}

print_env() {
  cat "$DIR/env"
}

stop_pid() {
  local name="$1" pid="$2" i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    alive "$pid" || return 0
    sleep 0.1
  done
  log "$name ($pid) did not stop on TERM: KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
  [[ -d "$DIR" ]] || return 0
  if [[ -f "$DIR/pids" ]]; then
    # Newest first: koompid before the services it uses, the buses last.
    tac "$DIR/pids" | while read -r name pid start; do
      if ours "$pid" "$start"; then stop_pid "$name" "$pid"; fi
    done
    rm -f "$DIR/pids"
  fi
  if mountpoint -q "$DIR/mnt" 2>/dev/null; then
    umount "$DIR/mnt" 2>/dev/null || umount -l "$DIR/mnt" || log "could not unmount $DIR/mnt"
  fi
  if [[ -f "$DIR/loopdev" ]]; then
    local dev
    dev="$(cat "$DIR/loopdev")"
    # Detach only our device: it must still be backed by our image file.
    if losetup -j "$DIR/btrfs.img" 2>/dev/null | grep -q "^$dev:"; then losetup -d "$dev" || log "could not detach $dev"; fi
    rm -f "$DIR/loopdev"
  fi
  # Also detach any other loop device still backed by our image (an `up` killed
  # between losetup and writing loopdev).
  losetup -j "$DIR/btrfs.img" 2>/dev/null | cut -d: -f1 | while read -r dev; do losetup -d "$dev" || true; done
  rm -rf "$DIR"
  log "down"
}

ensure_groups() {
  local g
  for g in "${GROUPS_NEEDED[@]}"; do
    getent group "$g" >/dev/null || groupadd --system "$g"
  done
}

write_bus_configs() {
  mkdir -p "$DIR/system.d"
  cp "$ROOT/plasma-integration/dbus/org.koompi.System1.conf" "$DIR/system.d/"
  cat >"$DIR/system-bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <auth>EXTERNAL</auth>
  <listen>unix:path=$DIR/system_bus_socket</listen>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
    <deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus" send_member="UpdateActivationEnvironment"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <includedir>/etc/dbus-1/system.d</includedir>
  <includedir>$DIR/system.d</includedir>
</busconfig>
EOF
  cat >"$DIR/session-bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$DIR/session_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
}

start_bus() {
  local name="$1" conf="$2" out addr pid
  out="$(dbus-daemon --config-file="$conf" --fork --print-address=1 --print-pid=1)"
  addr="$(sed -n 1p <<<"$out")"
  pid="$(sed -n 2p <<<"$out")"
  [[ -n "$addr" && -n "$pid" ]] || die "$name dbus-daemon did not start"
  record_pid "$name" "$pid"
  printf '%s' "$addr"
}

make_root() {
  truncate -s "$DISK_SIZE" "$DIR/btrfs.img"
  local dev
  dev="$(losetup -f --show "$DIR/btrfs.img")"
  printf '%s\n' "$dev" >"$DIR/loopdev"
  mkfs.btrfs -q -f "$dev" >/dev/null
  mkdir -p "$DIR/mnt"
  mount -o subvolid=5 "$dev" "$DIR/mnt"
  local sv
  for sv in @ @home @var @snapshots; do btrfs -q subvolume create "$DIR/mnt/$sv" >/dev/null; done
  # koompid finds the running root in the mount table (KOOMPI_MOUNTINFO; on a
  # machine /proc/self/mountinfo): here a stand-in saying / is @ on the loop
  # device. Tests rewrite it to "boot" a staged root.
  printf '1 0 0:99 /@ / ro,relatime shared:1 - btrfs %s ro,space_cache=v2,subvolid=256,subvol=/@\n' "$dev" >"$DIR/mountinfo"
  # A small stand-in for an installed system: os-release, a pacman local
  # database (packages are compared from it) and the directories koompid expects.
  local r="$DIR/mnt/@"
  mkdir -p "$r/etc" "$r/usr/lib/pacman/local" "$r/usr/bin" "$DIR/mnt/@var/lib/flatpak" "$DIR/mnt/@home/student"
  printf 'NAME="KOOMPI OS"\nID=koompi\nID_LIKE=arch\nVERSION_ID=2026.11\nPRETTY_NAME="KOOMPI OS 2026.11"\n' >"$r/etc/os-release"
  printf 'UUID=stack / btrfs subvol=@,ro 0 0\nUUID=stack /var btrfs subvol=@var 0 0\n' >"$r/etc/fstab"
  local p
  for p in linux-6.18.1-1 plasma-desktop-6.4.0-1 fcitx5-5.1.12-1 noto-fonts-2025.01-1; do
    mkdir -p "$r/usr/lib/pacman/local/$p"
    printf '%%NAME%%\n%s\n\n%%VERSION%%\n%s\n' "${p%-*-*}" "${p#"${p%-*-*}"-}" >"$r/usr/lib/pacman/local/$p/desc"
  done
  # The ESP with the current boot entry (systemd-boot, boot counting on).
  mkdir -p "$DIR/esp/loader/entries"
  printf 'timeout 3\n' >"$DIR/esp/loader/loader.conf"
  printf 'title KOOMPI OS\nsort-key koompi\nversion 2026.11.0\nlinux /vmlinuz-linux\ninitrd /initramfs-linux.img\noptions root=UUID=stack rootflags=subvol=@ rw\n' \
    >"$DIR/esp/loader/entries/koompi.conf"
}

make_flatpak_repo() {
  local fp="$DIR/flatpak" arch
  arch="$(flatpak --default-arch)"
  mkdir -p "$fp/rt/files" "$fp/rt/usr" "$fp/app/files/bin" "$fp/broken/files/bin"
  printf '[Runtime]\nname=org.koompi.TestPlatform\nruntime=org.koompi.TestPlatform/%s/1\nsdk=org.koompi.TestPlatform/%s/1\n' \
    "$arch" "$arch" >"$fp/rt/metadata"
  echo 'KOOMPI test runtime' >"$fp/rt/usr/README"
  flatpak build-export --runtime "$fp/repo" "$fp/rt" 1 >/dev/null
  local app dir
  for app in org.koompi.TestDraw:app org.koompi.TestBroken:broken; do
    dir="$fp/${app#*:}"
    printf '[Application]\nname=%s\nruntime=org.koompi.TestPlatform/%s/1\nsdk=org.koompi.TestPlatform/%s/1\n' \
      "${app%%:*}" "$arch" "$arch" >"$dir/metadata"
    printf '#!/bin/sh\necho %s\n' "${app%%:*}" >"$dir/files/bin/run"
    chmod +x "$dir/files/bin/run"
    flatpak build-finish "$dir" --command=run >/dev/null
    if [[ "$dir" == */broken ]]; then
      touch "$fp/broken.marker"
      sleep 0.05
    fi
    flatpak build-export "$fp/repo" "$dir" stable >/dev/null
  done
  # org.koompi.TestBroken fails half-way: its runtime installs, then its own
  # file objects are missing from the repository (a download that breaks).
  find "$fp/repo/objects" -name '*.filez' -newer "$fp/broken.marker" -delete
  FLATPAK_SYSTEM_DIR="$DIR/mnt/@var/lib/flatpak" flatpak --system remote-add --if-not-exists --no-gpg-verify \
    koompi-test "file://$fp/repo" >/dev/null
}

start_polkitd() {
  mkdir -p "$DIR/polkit/rules.d" "$DIR/polkit/actions"
  cp /usr/share/polkit-1/actions/*.policy "$DIR/polkit/actions/"
  cp "$ROOT/plasma-integration/polkit/org.koompi.system1.policy" "$DIR/polkit/actions/"
  cp "$ROOT/plasma-integration/polkit/49-koompi.rules" "$DIR/polkit/rules.d/"
  DBUS_SYSTEM_BUS_ADDRESS="$SYSTEM_ADDR" unshare -m --propagation private sh -c '
    mount --bind "$1/polkit/rules.d" /etc/polkit-1/rules.d &&
    mount --bind "$1/polkit/actions" /usr/share/polkit-1/actions &&
    exec /usr/lib/polkit-1/polkitd --no-debug' sh "$DIR" >"$DIR/polkitd.log" 2>&1 &
  record_pid polkitd $!
}

start_packagekitd() {
  mkdir -p "$DIR/packagekit/lib" "$DIR/packagekit/cache"
  DBUS_SYSTEM_BUS_ADDRESS="$SYSTEM_ADDR" unshare -m --propagation private sh -c '
    mount --bind "$1/packagekit/lib" /var/lib/PackageKit &&
    mount --bind "$1/packagekit/cache" /var/cache/PackageKit &&
    exec /usr/libexec/packagekitd --keep-environment --disable-timer --backend=dummy' sh "$DIR" \
    >"$DIR/packagekitd.log" 2>&1 &
  record_pid packagekitd $!
}

wait_for_name() {
  local name="$1" pid="$2" i
  for i in $(seq 1 150); do
    if DBUS_SYSTEM_BUS_ADDRESS="$SYSTEM_ADDR" dbus-send --system --print-reply --dest=org.freedesktop.DBus \
      /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$name" 2>/dev/null | grep -q 'boolean true'; then
      return 0
    fi
    alive "$pid" || die "$name exited while starting (see $DIR/*.log)"
    sleep 0.1
  done
  die "$name did not appear on the bus"
}

start_koompid() {
  # shellcheck disable=SC1091
  source "$DIR/daemon.env"
  env KOOMPID_FAULT="${KOOMPID_FAULT:-}" node "$ROOT/apps/daemon/bin/koompid.js" >>"$DIR/koompid.log" 2>&1 &
  local pid=$!
  record_pid koompid "$pid"
  wait_for_name org.koompi.System1 "$pid"
}

cmd_up() {
  if [[ -f "$DIR/env" && -n "$(pid_of koompid)" && -n "$(pid_of system-bus)" ]]; then
    log "already up in $DIR"
    print_env
    return 0
  fi
  [[ $EUID -eq 0 ]] || die "run as root (it mounts a Btrfs image and starts system services)"
  local tool
  for tool in dbus-daemon dbus-send mkfs.btrfs btrfs losetup unshare flatpak node; do
    command -v "$tool" >/dev/null || die "missing $tool (npm run setup installs it)"
  done
  [[ -x /usr/lib/polkit-1/polkitd ]] || die "missing polkitd"
  [[ -x /usr/libexec/packagekitd ]] || die "missing packagekitd"
  [[ -f "$ROOT/apps/daemon/dist/main.js" ]] || die "koompid is not built (npx tsc -b)"
  cmd_down 2>/dev/null # a half-made stack from before
  mkdir -p "$DIR"
  chmod 755 "$DIR" # non-root test users reach the bus sockets inside
  UP_DONE=0
  trap 'if [[ $UP_DONE != 1 ]]; then log "up failed: tearing down"; cmd_down; fi' EXIT
  ensure_groups
  make_root
  write_bus_configs
  SYSTEM_ADDR="$(start_bus system-bus "$DIR/system-bus.conf")"
  SESSION_ADDR="$(start_bus session-bus "$DIR/session-bus.conf")"
  start_polkitd
  wait_for_name org.freedesktop.PolicyKit1 "$(pid_of polkitd)"
  start_packagekitd
  make_flatpak_repo
  cat >"$DIR/daemon.env" <<EOF
export DBUS_SYSTEM_BUS_ADDRESS='$SYSTEM_ADDR'
export KOOMPI_BTRFS_TOP='$DIR/mnt'
export KOOMPI_ESP='$DIR/esp'
export KOOMPI_MOUNTINFO='$DIR/mountinfo'
export FLATPAK_SYSTEM_DIR='$DIR/mnt/@var/lib/flatpak'
export KOOMPI_FLATPAK_REMOTE='koompi-test'
export KOOMPI_PACKAGEKIT=1
export KOOMPI_STATE_DIR='$DIR/state'
EOF
  start_koompid
  cat >"$DIR/env" <<EOF
export KOOMPI_STACK_DIR='$DIR'
export DBUS_SYSTEM_BUS_ADDRESS='$SYSTEM_ADDR'
export DBUS_SESSION_BUS_ADDRESS='$SESSION_ADDR'
export KOOMPI_BTRFS_TOP='$DIR/mnt'
export KOOMPI_ESP='$DIR/esp'
export KOOMPI_MOUNTINFO='$DIR/mountinfo'
export FLATPAK_SYSTEM_DIR='$DIR/mnt/@var/lib/flatpak'
EOF
  UP_DONE=1
  log "up in $DIR"
  print_env
}

cmd_restart_daemon() {
  [[ -f "$DIR/daemon.env" ]] || die "no stack in $DIR"
  local pid
  pid="$(pid_of koompid)"
  if [[ -n "$pid" ]]; then stop_pid koompid "$pid"; fi
  sed -i '/^koompid /d' "$DIR/pids"
  SYSTEM_ADDR="$(sed -n "s/^export DBUS_SYSTEM_BUS_ADDRESS='\(.*\)'$/\1/p" "$DIR/daemon.env")"
  start_koompid
}

cmd_status() {
  [[ -f "$DIR/pids" ]] || {
    echo "down"
    return 1
  }
  local name pid start rc=0
  while read -r name pid start; do
    if ours "$pid" "$start"; then echo "$name $pid running"; else
      echo "$name $pid stopped"
      rc=1
    fi
  done <"$DIR/pids"
  return $rc
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  restart-daemon) cmd_restart_daemon ;;
  env) print_env ;;
  *)
    echo "usage: $0 up|down|status|restart-daemon|env" >&2
    exit 2
    ;;
esac
