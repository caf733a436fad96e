# shellcheck shell=sh
# A console login on a one-time code: choose a password now, or be signed out
# (docs/first-boot.md). Graphical sessions do it through
# /etc/xdg/autostart/org.koompi.FirstLogin.desktop instead.
if [ -t 0 ] && [ -e "/var/lib/koompi/one-time-codes/$(id -un)" ]; then
  /usr/lib/koompi/koompi-first-login prompt || exit 1
fi
