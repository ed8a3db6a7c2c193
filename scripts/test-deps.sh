# Sourced by scripts/test and .ci/run: makes sure the real peers the integration tests start are
# installed (Redis and haproxy for the cluster tests, Python websockets and Node for the interop
# tests). As root on Debian it installs the missing ones with apt-get; otherwise it names them
# and the command that installs them, and fails before a long test run would.

ensure_test_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
  # Debian's python3-websockets is for /usr/bin/python3, not for another python3 on PATH.
  /usr/bin/python3 -c 'import websockets' >/dev/null 2>&1 || missing+=(python3-websockets)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${missing[*]} (apt-get)" >&2
    apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null &&
      return 0
    echo "error: apt-get could not install ${missing[*]}" >&2
    return 1
  fi
  {
    echo "error: the tests need ${missing[*]}, which are not installed."
    echo "hint: sudo apt-get install ${missing[*]}   (Debian/Ubuntu; or your system's packages)"
  } >&2
  return 1
}
