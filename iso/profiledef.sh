#!/usr/bin/env bash
# KOOMPI OS: the archiso profile (read by mkarchiso; see docs/iso.md).
# The ISO is a live KOOMPI desktop that also installs KOOMPI to a disk
# (koompi-install): Btrfs with @ @home @var @snapshots, / read-only,
# systemd-boot with boot counting.
# shellcheck disable=SC2034

iso_name="koompi-os"
iso_label="KOOMPI_$(date --date="@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y%m)"
iso_publisher="KOOMPI <https://koompi.com>"
iso_application="KOOMPI OS live and install medium"
iso_version="$(date --date="@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y.%m.%d)"
install_dir="koompi"
buildmodes=('iso')
# UEFI only, through systemd-boot (the installed system boots the same way).
bootmodes=('uefi.systemd-boot')
arch="x86_64"
pacman_conf="pacman.conf"
airootfs_image_type="squashfs"
airootfs_image_tool_options=('-comp' 'zstd' '-Xcompression-level' '15' '-b' '1M')
bootstrap_tarball_compression=('zstd' '-c' '-T0' '--long' '-19')
file_permissions=(
  ["/etc/sudoers.d/10-koompi-admin"]="0:0:440"
  ["/usr/lib/koompi/koompi-boot-check"]="0:0:755"
  ["/usr/lib/koompi/koompi-first-boot"]="0:0:755"
  ["/usr/lib/koompi/koompi-first-login"]="0:0:755"
  ["/usr/lib/koompi/koompi-install"]="0:0:755"
  ["/usr/lib/koompi/koompi-install-setup"]="0:0:755"
  ["/usr/lib/koompi/koompi-writable-root"]="0:0:755"
)
