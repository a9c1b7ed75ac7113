#!/usr/bin/env bash
# A stand-in "VS Code executable" for @vscode/test-electron's runTests():
# turns its command line (--extensionDevelopmentPath=, --extensionTestsPath=,
# a folder) into a scripts/run-vscode.js run (code-server + headless
# Chromium) and exits with its code. Other flags (--no-sandbox,
# --user-data-dir=, --extensions-dir=, …) mean nothing to code-server and are
# ignored: run-vscode.js isolates its own directories.
dev=""; tests=""; folder=""
for a in "$@"; do
  case "$a" in
    --extensionDevelopmentPath=*) dev="${a#*=}" ;;
    --extensionTestsPath=*) tests="${a#*=}" ;;
    --*) ;;
    *) [ -z "$folder" ] && folder="$a" ;;
  esac
done
if [ -z "$dev" ] || [ -z "$tests" ]; then
  echo "code-shim: need --extensionDevelopmentPath= and --extensionTestsPath=" >&2
  exit 2
fi
exec node "$(dirname "$0")/run-vscode.js" "$dev" "$tests" ${folder:+"$folder"}
