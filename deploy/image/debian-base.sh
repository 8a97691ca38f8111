#!/usr/bin/env bash
# Builds a runtime base image for the Dockerfile without a container registry: a minimal Debian
# bookworm root (debootstrap, variant minbase) with a headless JRE 17, imported into podman.
#
# Usage (as root): bash deploy/image/debian-base.sh [TAG]     (default TAG: localhost/pulse-base:bookworm-jre17)
# then:            podman build --build-arg BASE_IMAGE=TAG ...
#
# The packages come from the Debian mirror that /etc/apt/sources.list (or sources.list.d) already names.
# Idempotent: exits at once when podman already holds TAG. The root is built in a temporary directory
# and removed after the import.
set -euo pipefail

TAG="${1:-localhost/pulse-base:bookworm-jre17}"
SUITE=bookworm
PACKAGES=openjdk-17-jre-headless

if podman image exists "$TAG"; then
  echo "base image $TAG already present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "debian-base.sh: debootstrap and podman import need root" >&2
  exit 1
fi

# The first Debian (not -security, not third-party) mirror that serves bookworm, in either sources format.
mirror="$(
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } |
  awk -v suite="$SUITE" '
    /^deb / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { url = $i; s = $(i + 1); break }
              if (s == suite && url ~ /debian\/?$/) { print url; exit } }
    /^URIs:/   { url = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite && url ~ /debian\/?$/) { print url; exit } }'
)"
if [ -z "$mirror" ]; then
  echo "debian-base.sh: no Debian mirror for $SUITE in /etc/apt/sources.list*; add one or build with docker" >&2
  exit 1
fi

root="$(mktemp -d /var/tmp/pulse-base-root.XXXXXX)"
trap 'rm -rf "$root"' EXIT
echo "debootstrap $SUITE (minbase + $PACKAGES) from $mirror"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$mirror" >"$root.log" 2>&1 || {
  tail -n 30 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"

# Nothing at run time needs the package caches, documentation or manuals.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*

tar -C "$root" --numeric-owner -c . | podman import \
  --quiet --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$TAG" >/dev/null
echo "imported $TAG ($(podman image inspect --format '{{.Size}}' "$TAG") bytes)"
