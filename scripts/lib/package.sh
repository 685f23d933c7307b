# Sourced by scripts/server and scripts/rooms: package_module MODULE builds MODULE (and the modules it needs)
# without tests, showing one line per module instead of a silent minute. Maven's own output is kept in a file
# and shown only when the build fails: filtered this way, the colour resets Maven 3.8 writes even with -B
# (a stray ESC[0m per line, also under -q or -Dstyle.color=never) never reach the terminal.
package_module() {
  local module="$1" root log
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  log="$(mktemp -t rooms-build.XXXXXX)"
  echo "Building $module (the first build downloads Maven's plugins and the dependencies: a few minutes)…" >&2
  if ! (cd "$root" && mvn -B -DskipTests -pl "$module" -am package) 2>&1 | tee "$log" | awk '
      { gsub(/\033\[[0-9;]*m/, "") }
      /^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]$/ { sub(/^\[INFO\] /, ""); gsub(/ +/, " "); print "  " $0; fflush(); next }
      /^Download(ing|ed) from/ && !shown { print "  downloading dependencies…"; shown = 1; fflush() }
    ' >&2; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
    echo "Building $module failed; the log above is also in $log." >&2
    return 1
  fi
  rm -f "$log"
}
