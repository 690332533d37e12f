#!/bin/sh
# pnpm runs every script through this shell (`scriptShell` in pnpm-workspace.yaml).
# Why: native dependencies (better-sqlite3) fall back to compiling with node-gyp, which downloads
# Node's headers unless `npm_config_nodedir` points at a local copy — and machines here have no
# route to that download. pnpm 12 no longer passes .npmrc settings on to scripts, so the default
# is set here: the headers that ship beside the running `node` (e.g. /usr/include/node).
# An explicit npm_config_nodedir from the caller always wins.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_bin=$(command -v node 2>/dev/null || true)
  if [ -n "$node_bin" ]; then
    node_prefix=$(dirname "$(dirname "$(readlink -f "$node_bin")")")
    if [ -f "$node_prefix/include/node/node.h" ]; then
      npm_config_nodedir=$node_prefix
      export npm_config_nodedir
    fi
  fi
fi
exec /bin/sh "$@"
