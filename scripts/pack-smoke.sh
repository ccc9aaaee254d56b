#!/usr/bin/env bash
# Packs caesium, installs the tarball into an empty project and lints the examples
# with the installed binary, as a user who ran `npm install caesium` would.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tmp/$tarball"
./node_modules/.bin/caesium job lint --path "$root/examples" --strict
./node_modules/.bin/caesium test --path "$root/examples" >/dev/null
echo "pack smoke: OK ($tarball)"
