#!/usr/bin/env bash
# Builds the debian:bookworm-slim image the target Dockerfiles start FROM, without a container
# registry: debootstrap (minbase) from Debian's mirror, then `docker import`. Skipped when the tag
# already exists, so a machine that can `docker pull debian:bookworm-slim` never needs this.
#
#   scripts/build-base-image.sh [TAG]          (default debian:bookworm-slim)
#   SMTPSPEC_DEBIAN_MIRROR=http://… overrides the mirror (default: the one apt uses here, else deb.debian.org)
set -euo pipefail

TAG="${1:-debian:bookworm-slim}"
if docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "base image $TAG exists; nothing to do"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "build-base-image: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }

mirror="${SMTPSPEC_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  # The mirror apt already reaches on this machine (deb822 or one-line sources), else Debian's own.
  mirror="$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -oE 'https?://[^ ]+' | head -n1 || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
fi

dir="$(mktemp -d /var/tmp/smtpspec-rootfs.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
started=$(date +%s)
echo "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.log" 2>&1 || { tail -n 20 "$dir.log" >&2; rm -f "$dir.log"; exit 1; }
rm -f "$dir.log"
# debootstrap copies these from the host; a container gets its own at run time.
rm -f "$dir/etc/resolv.conf" "$dir/etc/hostname"
# What the official slim image does: no cached package lists or .debs in the image.
rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/archives/*.deb
tar -C "$dir" -c . | docker import --change 'CMD ["bash"]' - "$TAG" >/dev/null
echo "built $TAG in $(( $(date +%s) - started )) s ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%d MB", $1/1000000}'))"
