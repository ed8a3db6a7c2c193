# Sourced by scripts: find_jdk25 prints the home of a JDK 25, or explains what it looked for.
find_jdk25() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    if [ "$version" = "25" ]; then
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
