# Sourced by every launcher in bin/. Launchers build nothing: they exec the JVM on a module's jar
# and the runtime dependencies Maven copied next to it, so the pid systemd (or a test) sees is the
# program's own.
#
#   mmfleet_exec <module> <main class> [args...]
#
# MMFLEET_JAVA_OPTS adds JVM options (heap, GC, -D...). JAVA_HOME picks the JDK.

MMFLEET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

mmfleet_exec() {
    local module="$1" main="$2"
    shift 2
    local target="$MMFLEET_ROOT/$module/target"
    local jar="$target/$module.jar"
    if [[ ! -f "$jar" || ! -d "$target/lib" ]]; then
        echo "$(basename "$0"): $jar is not built; run: mvn -B -q package -DskipTests" >&2
        exit 2
    fi
    local java="java"
    if [[ -n "${JAVA_HOME:-}" ]]; then
        java="$JAVA_HOME/bin/java"
    fi
    # Agrona 2.x on JDK 17 needs jdk.internal.misc.
    # shellcheck disable=SC2086
    exec "$java" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED ${MMFLEET_JAVA_OPTS:-} \
        -cp "$jar:$target/lib/*" "$main" "$@"
}
