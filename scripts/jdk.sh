# Sourced by scripts: find_jdk25 prints the home of a JDK 25, or explains what it looked for.
# The version comes from the JDK's `release` file, read with bash builtins, so finding it costs no
# process at all (the launcher runs this on every command; each fork+exec is milliseconds).

# Sets jdk_version to the feature version (e.g. 25) of the JDK at $1, or to "" if unknown.
read_jdk_feature_version() {
  local home="$1" line
  jdk_version=""
  if [ -f "$home/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        jdk_version="${BASH_REMATCH[1]}"
        return 0
      fi
    done <"$home/release"
  fi
  # No release file (unusual layouts): ask the JVM, which costs one start.
  jdk_version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
}

# Sets jdk25_home to a JDK 25 (JAVA_HOME first, then /usr/lib/jvm), or explains on stderr and fails.
locate_jdk25() {
  local candidate jdk_version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    read_jdk_feature_version "$candidate"
    if [ "$jdk_version" = "25" ]; then
      jdk25_home="$candidate"
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

find_jdk25() {
  local jdk25_home
  locate_jdk25 || return 1
  echo "$jdk25_home"
}
