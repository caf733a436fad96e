#!/bin/bash
# Builds the boot test's initramfs from the host (Debian): busybox (static),
# mkfs.btrfs and btrfs with their libraries, the kernel modules for Btrfs and
# virtio disks of the host's kernel, and init (boot-init.sh).
#   make-initramfs.sh KERNEL_VERSION OUT.cpio.gz
set -euo pipefail
kver=$1
out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(mktemp -d "${TMPDIR:-/tmp}/koompi-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,proc,sys,dev,mnt,top,modules,lib64,lib/x86_64-linux-gnu}
busybox=$(command -v busybox)
cp "$busybox" "$root/bin/busybox"
for tool in sh mount umount mkdir cat echo ls mv rm sed grep sort head tail sleep sync reboot poweroff insmod touch printf basename tr wc; do
  ln -s busybox "$root/bin/$tool"
done
for tool in mkfs.btrfs btrfs; do
  bin=$(command -v "$tool")
  cp "$bin" "$root/sbin/$tool"
  ldd "$bin" | grep -o '/[^ ]*' | while read -r lib; do
    cp -L "$lib" "$root$lib"
  done
done
: > "$root/modules/order"
for mod in btrfs virtio_pci virtio_blk; do
  modprobe --show-depends -S "$kver" "$mod" | awk '$1 == "insmod" { print $2 }' | while read -r ko; do
    name=$(basename "$ko")
    [[ -e "$root/modules/$name" ]] && continue
    cp "$ko" "$root/modules/$name"
    echo "$name" >> "$root/modules/order"
  done
done
install -m 0755 "$here/boot-init.sh" "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"
