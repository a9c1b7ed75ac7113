#!/usr/bin/env bash
# Installs what the extension-host tests, the UI checks and the demo need on a
# fresh Debian machine: Chromium (headless browser) and code-server 4.100.3
# (the real VS Code 1.100.3 server build), into .tools/ (git-ignored, reused).
# Why code-server: @vscode/test-electron cannot download VS Code offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
cs_version=4.100.3

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
command -v git >/dev/null 2>&1 || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "install-tools: apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

cs_bin="$tools/code-server/node_modules/.bin/code-server"
if [ -x "$cs_bin" ] && [ -f "$tools/code-server/.installed-$cs_version" ]; then
  echo "install-tools: code-server $cs_version already in .tools/"
  exit 0
fi
echo "install-tools: installing code-server $cs_version into .tools/ (about a minute)"
mkdir -p "$tools/code-server"
# @vscode/ripgrep's postinstall downloads from GitHub; pre-fill its cache with Debian's rg.
tmp="${TMPDIR:-/tmp}"
mkdir -p "$tmp/rgpkg" "$tmp/vscode-ripgrep-cache-1.15.11"
cp "$(command -v rg)" "$tmp/rgpkg/rg"
tar czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/rgpkg" rg
cd "$tools/code-server"
# npm 11 blocks dependency install scripts unless package.json allows them.
# code-server's postinstall runs a nested `npm install` inside lib/vscode,
# whose native modules need their scripts too; so install without the
# postinstall, allow those modules in lib/vscode's package.json, then run it.
echo '{"name":"tracker-links-tools","private":true,"allowScripts":{"argon2":true}}' > package.json
npm_config_yes=true npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$cs_version" >"$tools/code-server-install.log" 2>&1 \
  || { tail -40 "$tools/code-server-install.log"; exit 1; }
npm_config_yes=true npm rebuild argon2 >>"$tools/code-server-install.log" 2>&1 || { tail -40 "$tools/code-server-install.log"; exit 1; }
pkg="$tools/code-server/node_modules/code-server"
node -e '
const fs = require("fs"), f = process.argv[1] + "/lib/vscode/package.json";
const p = JSON.parse(fs.readFileSync(f, "utf8"));
p.allowScripts = Object.fromEntries(["@parcel/watcher","@vscode/deviceid","@vscode/ripgrep","@vscode/spdlog",
  "@vscode/windows-process-tree","@vscode/windows-registry","kerberos","native-watchdog","node-pty"].map(n => [n, true]));
fs.writeFileSync(f, JSON.stringify(p, null, 2));' "$pkg"
(cd "$pkg" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" \
  sh ./postinstall.sh) >>"$tools/code-server-install.log" 2>&1 || { tail -40 "$tools/code-server-install.log"; exit 1; }
vs="$tools/code-server/node_modules/code-server/lib/vscode"
for f in node_modules/@vscode/spdlog/build/Release/spdlog.node node_modules/node-pty/build/Release/pty.node node_modules.asar; do
  [ -e "$vs/$f" ] || { echo "install-tools: code-server install incomplete ($f missing)"; tail -40 "$tools/code-server-install.log"; exit 1; }
done
touch "$tools/code-server/.installed-$cs_version"
echo "install-tools: code-server ready"
