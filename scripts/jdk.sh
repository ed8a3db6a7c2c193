# Sourced by scripts: find_jdk25 prints the home of a JDK 25, or explains what it looked for.
# The version comes from the JDK's `release` file, so finding it costs no JVM start.
jdk_feature_version() {
  local home="$1" version=""
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [ -z "$version" ]; then
    version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  fi
  echo "$version"
}

find_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(jdk_feature_version "$candidate")" = "25" ]; then
      echo "$candidate"
      return 0
    fi
  done
  {
    echo "error[LA-GEN-005]: no JDK 25 found."
    echo "  looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*25*, /usr/lib/jvm/*"
    echo "hint: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it."
  } >&2
  return 1
}
