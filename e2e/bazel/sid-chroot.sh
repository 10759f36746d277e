#!/usr/bin/env bash
# Creates (once) a Debian sid chroot holding Bazel 7 (bazel-bootstrap) and the
# Starlark rules it ships under /usr/share/bazel. Debian 12 ships Bazel 4.2.3,
# too old for rules_go; sid's bazel-bootstrap needs a newer libc, hence the
# chroot. Only Debian's package mirror is needed. Usage: sid-chroot.sh DIR
# (DIR is created atomically: an interrupted run leaves DIR.tmp, redone next time).
set -euo pipefail
root=${1:?usage: sid-chroot.sh DIR}
mirror=${KERRLINT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages="bazel-bootstrap bazel-rules-shell ca-certificates"

if [ -e "$root/.kerrlint-ready" ]; then exit 0; fi
[ "$(id -u)" = 0 ] || { echo "sid-chroot.sh: debootstrap and chroot need root" >&2; exit 2; }
if ! command -v debootstrap >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y debootstrap >/dev/null || { apt-get update >/dev/null && apt-get install -y debootstrap >/dev/null; }
fi

tmp=$root.tmp
# A previous interrupted run may have left mounts under $tmp: never rm through them.
for m in $(awk -v p="$tmp/" 'index($2, p) == 1 {print $2}' /proc/mounts | sort -r); do umount -l "$m"; done
rm -rf --one-file-system "$tmp"
mkdir -p "$(dirname "$root")"
echo "sid-chroot.sh: debootstrap sid into $tmp (several minutes)" >&2
debootstrap --variant=minbase sid "$tmp" "$mirror" >"$tmp.log" 2>&1 || { tail -20 "$tmp.log" >&2; exit 1; }
cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$tmp/proc"
trap 'umount -l "$tmp/proc" 2>/dev/null || true' EXIT
echo "sid-chroot.sh: apt-get install $packages" >&2
chroot "$tmp" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 sh -c \
  "apt-get install -y --no-install-recommends $packages && apt-get clean" >>"$tmp.log" 2>&1 \
  || { tail -20 "$tmp.log" >&2; exit 1; }
umount -l "$tmp/proc"; trap - EXIT
chroot "$tmp" dpkg-query -W bazel-bootstrap bazel-rules-shell >"$tmp/.kerrlint-ready"
mv "$tmp" "$root"
mv "$tmp.log" "$root.log"
