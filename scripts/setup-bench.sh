#!/usr/bin/env bash
# Installs what the benches compare against and the tests do not need: Debian's snakemake
# (the peer workflow manager of `npm run bench:engine`) and GNU time (peak RSS of each command).
# As root on Debian; idempotent.
set -euo pipefail
missing=()
command -v snakemake >/dev/null || missing+=(snakemake)
[ -x /usr/bin/time ] || missing+=(time)
command -v make >/dev/null || missing+=(make)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "[setup-bench] ready: snakemake $(snakemake --version), $(make --version | head -1)"
