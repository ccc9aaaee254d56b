#!/usr/bin/env bash
# Brings up the real container engines caesium's runtime tests run against:
# Docker (dockerd) and Podman (its Docker-compatible API service), each with
# offline test images built from Debian's busybox-static:
#   caesium-test/busybox, alpine:3.20, alpine:3.23
#
# For a bare Debian machine, as root. Idempotent: installs only missing
# packages, starts only daemons that do not answer, builds only missing
# images, so running it twice is cheap. Logs go to $CAESIUM_ENGINES_LOG_DIR
# (default /tmp). Set CAESIUM_ENGINES=docker or =podman to bring up only one.
#
#   scripts/test-engines.sh && CAESIUM_TEST_REQUIRE_ENGINES=1 npx vitest run test/runtime
set -euo pipefail

LOG_DIR=${CAESIUM_ENGINES_LOG_DIR:-/tmp}
ENGINES=${CAESIUM_ENGINES:-docker podman}
PODMAN_SOCK=${CAESIUM_SOCK:-/run/podman/podman.sock}
IMAGES=(caesium-test/busybox alpine:3.20 alpine:3.23)
WAIT_SECONDS=${CAESIUM_ENGINES_WAIT:-60}
# The Debian package ships its client in /usr/bin; prefer it over any other docker on PATH.
DOCKER=docker
[ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker

log() { printf '[test-engines] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
wants() { [[ " $ENGINES " == *" $1 "* ]]; }

[ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts daemons)"

# --- packages --------------------------------------------------------------
missing=()
wants docker && ! command -v dockerd >/dev/null && missing+=(docker.io)
wants podman && ! command -v podman >/dev/null && missing+=(podman)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v curl >/dev/null || missing+=(curl)
# promtool checks the metrics exposition in the tests (Debian's prometheus package ships it).
command -v promtool >/dev/null || missing+=(prometheus)
# `dot` checks the DOT that `job preview --format dot` prints; tmux gives the live-view test a real terminal.
command -v dot >/dev/null || missing+=(graphviz)
command -v tmux >/dev/null || missing+=(tmux)
# openssl makes the certificate of the HTTPS server tests.
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$LOG_DIR/caesium-apt.log" 2>&1 || die "apt-get update failed, see $LOG_DIR/caesium-apt.log"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$LOG_DIR/caesium-apt.log" 2>&1 \
    || die "apt-get install ${missing[*]} failed, see $LOG_DIR/caesium-apt.log"
fi

# Chromium for the operator UI's browser tests (test/ui/).
"$(dirname "$0")/setup-chromium.sh"

# wait_for DESCRIPTION COMMAND...: polls COMMAND until it succeeds, for at most WAIT_SECONDS.
wait_for() {
  local what=$1; shift
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
  log "$what is up"
}

# --- daemons ---------------------------------------------------------------
if wants docker && ! $DOCKER info >/dev/null 2>&1; then
  log "starting dockerd (log: $LOG_DIR/caesium-dockerd.log)"
  nohup dockerd --storage-driver=vfs --iptables=false --bridge=none \
    >"$LOG_DIR/caesium-dockerd.log" 2>&1 </dev/null &
  wait_for dockerd "$DOCKER" info || die "dockerd did not answer within ${WAIT_SECONDS}s, see $LOG_DIR/caesium-dockerd.log"
fi

podman_up() { curl -sf --unix-socket "$PODMAN_SOCK" http://d/_ping; }
if wants podman && ! podman_up >/dev/null 2>&1; then
  log "starting the podman API service on $PODMAN_SOCK (log: $LOG_DIR/caesium-podman.log)"
  mkdir -p "$(dirname "$PODMAN_SOCK")"
  rm -f "$PODMAN_SOCK" # a stale socket of a service that is gone
  nohup podman system service --time=0 "unix://$PODMAN_SOCK" \
    >"$LOG_DIR/caesium-podman.log" 2>&1 </dev/null &
  wait_for "podman service" podman_up || die "podman service did not answer within ${WAIT_SECONDS}s, see $LOG_DIR/caesium-podman.log"
fi

# --- images ----------------------------------------------------------------
ROOTFS=""
rootfs() {
  [ -n "$ROOTFS" ] && return
  ROOTFS=$(mktemp -d /tmp/caesium-rootfs.XXXXXX)
  trap 'rm -rf "$ROOTFS"' EXIT
  mkdir -p "$ROOTFS"/{bin,etc,root,tmp,proc,sys,dev,work}
  chmod 1777 "$ROOTFS/tmp"
  cp /bin/busybox "$ROOTFS/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$ROOTFS/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$ROOTFS/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOTFS/etc/group"
}

# ensure_images ENGINE CLI PREFIX: imports the busybox rootfs once, tags the rest.
ensure_images() {
  local engine=$1 cli=$2 prefix=$3 image
  local first=${IMAGES[0]}
  if ! $cli image inspect "$prefix$first" >/dev/null 2>&1; then
    rootfs
    log "importing $first into $engine"
    tar -C "$ROOTFS" -c . | $cli import --change 'CMD ["/bin/sh"]' - "$first" >>"$LOG_DIR/caesium-images.log" 2>&1
  fi
  for image in "${IMAGES[@]:1}"; do
    if ! $cli image inspect "$prefix$image" >/dev/null 2>&1; then
      log "tagging $image in $engine"
      $cli tag "$prefix$first" "$image"
    fi
  done
}

wants docker && ensure_images docker "$DOCKER" ""
wants podman && ensure_images podman podman localhost/

# PostgreSQL for the PostgreSQL store and multi-node tests.
"$(dirname "$0")/setup-postgres.sh"

log "ready: ${ENGINES}"
