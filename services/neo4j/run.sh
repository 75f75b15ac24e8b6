#!/usr/bin/env bash
# Local Neo4j 5.26 + APOC for dev and integration tests (see README.md).
#   run.sh [--bolt-port 7687|0] [--data-dir DIR] [--host 127.0.0.1] [--password P] [--selftest]
# stdout carries only "NEO4J_READY bolt://HOST:PORT"; build output and logs go to stderr.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
STAMP="$TARGET/.built"
CDS="$TARGET/neo4j.jsa"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
HEAP="${NEO4J_HEAP:-768m}"

# --add-opens/netty flags: the same ones Neo4j's own launcher passes on Java 17.
# stdout is reserved for the READY line, but the JVM prints its own messages
# there (VM init errors, -Xlog warnings e.g. about an unusable CDS archive):
# DisplayVMOutputToStderr and -Xlog:...:stderr move them to stderr.
# TieredStopAtLevel=1 (C1 JIT only): ~40% less CPU to ready on a 2-core box;
# fine for dev/tests. Override with NEO4J_JAVA_OPTS=-XX:TieredStopAtLevel=4.
JVM_OPTS=(-Xms"$HEAP" -Xmx"$HEAP" -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
  -XX:+DisplayVMOutputToStderr -XX:-OmitStackTraceInFastThrow -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr)
# shellcheck disable=SC2206  # intentional word splitting of extra options
JVM_OPTS+=(${NEO4J_JAVA_OPTS:-})
CP="$TARGET/neo4j-launcher.jar:$TARGET/lib/*:$TARGET/plugins/*"
MAIN=(dfs.neo4j.Neo4jLauncher --plugins-dir "$TARGET/plugins")

log() { echo "neo4j/run.sh: $*" >&2; }

# Up to date = stamp exists, jar exists, and neither pom.xml nor src/ changed since.
# This check is all a warm start does: no Maven, no network.
up_to_date() {
  [[ -f "$STAMP" && -f "$TARGET/neo4j-launcher.jar" ]] &&
    [[ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$STAMP" -print -quit)" ]]
}

build() {
  command -v mvn >/dev/null || { log "maven (mvn) not found; needed for the first build"; exit 1; }
  log "building launcher (first run may download Neo4j from Maven Central)..."
  # Stale jars from an older pom would stay on the classpath: start clean.
  rm -rf "$TARGET/lib" "$TARGET/plugins" "$STAMP" "$CDS"
  # Offline first (deps usually cached), online only if something is missing.
  if ! (cd "$HERE" && mvn -B -q -o -Dstyle.color=never package 1>&2); then
    log "offline build failed, retrying online"
    (cd "$HERE" && mvn -B -q -Dstyle.color=never package 1>&2)
  fi
  # Training run = selftest on a throwaway db; records an AppCDS archive of the
  # loaded classes, which cuts warm start-to-ready by roughly a third. Optional.
  log "selftest + class-data-sharing archive..."
  local tmp; tmp="$(mktemp -d)"
  # (CDS dumping warns about every class it skips: keep that in a log file.)
  # (env -u: the training db must not inherit the caller's password.)
  if env -u NEO4J_PASSWORD "$JAVA" "${JVM_OPTS[@]}" -XX:ArchiveClassesAtExit="$CDS.tmp" -cp "$CP" "${MAIN[@]}" \
      --data-dir "$tmp" --bolt-port 0 --selftest >"$TARGET/selftest.log" 2>&1; then
    mv -f "$CDS.tmp" "$CDS"
    grep '^neo4j-launcher:' "$TARGET/selftest.log" >&2 || true
  else
    rm -f "$CDS.tmp"
    grep -v '\[cds\]' "$TARGET/selftest.log" | tail -n 30 >&2
    log "selftest failed (full log: $TARGET/selftest.log); continuing without CDS archive"
  fi
  rm -rf "$tmp"
  touch "$STAMP"
  log "build done"
}

if ! up_to_date; then
  mkdir -p "$TARGET"
  # flock: test suites may start several instances at once on a fresh checkout.
  exec 9>"$TARGET/.build.lock"
  flock 9
  up_to_date || build
  flock -u 9
  exec 9>&-
fi

[[ -f "$CDS" ]] && JVM_OPTS+=(-XX:SharedArchiveFile="$CDS")
# exec: the JVM becomes this process, so SIGTERM/SIGINT reach it directly.
# Defaults come first; the launcher takes the last value of a repeated flag.
exec "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" "${MAIN[@]}" --data-dir "$ROOT/.data/neo4j" "$@"
