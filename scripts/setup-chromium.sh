#!/usr/bin/env bash
# Installs Debian's Chromium for the operator UI's browser tests (test/ui/), which drive /usr/bin/chromium with
# playwright-core (no browser download). Idempotent; as root. Called by scripts/test-engines.sh.
set -euo pipefail
LOG_DIR=${CAESIUM_ENGINES_LOG_DIR:-/tmp}
[ -x /usr/bin/chromium ] && exit 0
[ "$(id -u)" = 0 ] || { echo "[setup-chromium] run as root to install chromium" >&2; exit 1; }
echo "[setup-chromium] installing chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >>"$LOG_DIR/caesium-apt.log" 2>&1
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >>"$LOG_DIR/caesium-apt.log" 2>&1 \
  || { echo "[setup-chromium] apt-get install chromium failed, see $LOG_DIR/caesium-apt.log" >&2; exit 1; }
