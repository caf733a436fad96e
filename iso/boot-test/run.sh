#!/bin/bash
# The boot test: boots the host's Debian kernel under qemu (software emulation,
# no KVM needed) with boot-init.sh as init and a fresh Btrfs disk, and prints the
# serial console. The VM reboots itself until the machine is healthy, then
# powers off; qemu exits then (or after TIMEOUT seconds).
#   iso/boot-test/run.sh [TIMEOUT]        (root not needed; exit 0 = qemu ended)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
timeout=${1:-240}
kernel=$(find /boot -maxdepth 1 -name 'vmlinuz-*' | sort -V | tail -n 1)
[[ -n "$kernel" && -r "$kernel" ]] || { echo "boot-test: no readable /boot/vmlinuz-* (Debian: apt-get install linux-image-amd64)" >&2; exit 2; }
command -v qemu-system-x86_64 >/dev/null || { echo "boot-test: qemu-system-x86_64 missing (Debian: qemu-system-x86)" >&2; exit 2; }
command -v busybox >/dev/null || { echo "boot-test: busybox missing (Debian: busybox-static)" >&2; exit 2; }
kver=${kernel#/boot/vmlinuz-}

work=$(mktemp -d "${TMPDIR:-/tmp}/koompi-boot-test.XXXXXX")
qemu_pid=""
cleanup() {
  if [[ -n "$qemu_pid" ]]; then kill "$qemu_pid" 2>/dev/null || true; wait "$qemu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$here/make-initramfs.sh" "$kver" "$work/initramfs.cpio.gz"
truncate -s 256M "$work/disk.img"
qemu-system-x86_64 -machine q35,accel=tcg -cpu max -m 512 -smp 1 \
  -display none -no-user-config -nodefaults -serial stdio -monitor none -net none \
  -kernel "$kernel" -initrd "$work/initramfs.cpio.gz" \
  -drive "file=$work/disk.img,format=raw,if=virtio" \
  -append "console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init" </dev/null &
qemu_pid=$!
for _ in $(seq 1 "$timeout"); do
  kill -0 "$qemu_pid" 2>/dev/null || break
  sleep 1
done
if kill -0 "$qemu_pid" 2>/dev/null; then
  echo "boot-test: timed out after ${timeout}s" >&2
  exit 1
fi
wait "$qemu_pid" || true
qemu_pid=""
