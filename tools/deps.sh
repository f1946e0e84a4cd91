#!/usr/bin/env bash
# Installs the Debian packages neardup needs, only those missing. Sourced by run.sh and test.sh.
# Works as root or through sudo; never prompts.
NEARDUP_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libabsl-dev libxxhash-dev libcli11-dev libsimdjson-dev libutf8proc-dev
  zlib1g-dev libzstd-dev libstemmer-dev libgumbo-dev librocksdb-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wordnet-base
)

neardup_install_deps() {
  local missing=()
  local pkg
  for pkg in "${NEARDUP_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "neardup: installing missing Debian packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "neardup: need root or sudo to install ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 1
}

# Configures (once) and builds the Release tree in build/. Extra arguments go to cmake --build.
neardup_build() {
  local dir="${NEARDUP_BUILD_DIR:-build}"
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2 || return 1
  fi
  cmake --build "$dir" "$@" >&2
}
