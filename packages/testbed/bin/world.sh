#!/usr/bin/env bash
# Node 20 reads --env-file anywhere on its command line (as its own option), so the world's flags travel in WORLD_ARGV.
here="$(cd "$(dirname "$0")" && pwd)"
WORLD_ARGV="$(printf '%s\n' "$@")" exec node --import tsx "$here/../src/cli.ts"
