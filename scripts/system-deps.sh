#!/usr/bin/env bash
# Debian packages the project needs: `--demo` for `make demo`, none for `make test`,
# `--bench` for `make bench`.
# Nothing missing: prints nothing, exits 0. Missing as root: installs them with apt-get.
# Missing as a normal user: prints the sudo apt-get line to run and exits 1.
set -euo pipefail

packages=(
  gettext python3-venv
  fonts-dejavu fonts-liberation2                    # Cyrillic fonts for PDF and screenshots
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b    # WeasyPrint
)
if [[ ${1:-} != --demo ]]; then
  packages+=(postgresql redis-server chromium poppler-utils)
fi
# Node.js may come from elsewhere (nvm, NodeSource tarball); then the commands suffice.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
if [[ ${1:-} == --bench ]]; then
  packages+=(wrk)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

if ((EUID == 0)); then
  echo "system-deps: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "sudo apt-get install -y ${missing[*]}"
  exit 1
fi
