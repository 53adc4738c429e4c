# Source this file (`source .ci/node-env.sh`) to get Node >= 22 in the current shell.
# When the machine's Node is older, it installs Node 24 from the npm registry (the `node`
# package ships the binary) into a cache outside the clone, once, and puts it first on PATH.
GOG_NODE_MAJOR=24
gog_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(gog_node_major)" -lt 22 ]; then
  gog_cache="${XDG_CACHE_HOME:-$HOME/.cache}/gemini-output-guard/node${GOG_NODE_MAJOR}"
  gog_bin="$gog_cache/node_modules/node/bin"
  if [ ! -x "$gog_bin/node" ] || [ "$("$gog_bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$GOG_NODE_MAJOR" ]; then
    echo "node-env: Node $(node --version 2>/dev/null || echo '(none)') is older than 22; installing Node ${GOG_NODE_MAJOR} into $gog_cache" >&2
    mkdir -p "$gog_cache"
    npm install --prefix "$gog_cache" --no-save --no-audit --no-fund --loglevel=error "node@${GOG_NODE_MAJOR}" >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$gog_bin:$PATH"
fi
