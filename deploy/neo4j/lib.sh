# shellcheck shell=bash disable=SC2034
# Shared helpers for deploy/neo4j/{neo4j,neo4j-admin,cypher-shell}. Source it; don't run it.
#
# Neo4j 5.26 Community is assembled from Maven Central (see pom.xml beside this file):
# Maven resolves the jars into ~/.m2 and writes a classpath file, cached under
# $KG_NEO4J_HOME/lib/ until pom.xml (or KG_MVN_OPTS) changes or a jar disappears.

KG_NEO4J_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KG_NEO4J_HOME="${KG_NEO4J_HOME:-$KG_NEO4J_DIR/.run}"
mkdir -p "$KG_NEO4J_HOME"
KG_NEO4J_HOME="$(cd "$KG_NEO4J_HOME" && pwd)"

NEO4J_USER="neo4j"
NEO4J_PASSWORD="${NEO4J_PASSWORD:-kgpassword}"
KG_NEO4J_HOST="127.0.0.1"
KG_NEO4J_BOLT_PORT="${KG_NEO4J_BOLT_PORT:-7687}"
KG_NEO4J_HTTP_PORT="${KG_NEO4J_HTTP_PORT:-7474}"
KG_NEO4J_HEAP="${KG_NEO4J_HEAP:-1g}"
KG_NEO4J_PAGECACHE="${KG_NEO4J_PAGECACHE:-512m}"
KG_NEO4J_TX_LOG_RETENTION="${KG_NEO4J_TX_LOG_RETENTION:-1 files}"
KG_BROWSER_WHITELIST="${KG_BROWSER_WHITELIST:-*}"
KG_BROWSER_POST_CONNECT_CMD="${KG_BROWSER_POST_CONNECT_CMD:-}"

KG_NEO4J_CONF_DIR="$KG_NEO4J_HOME/conf"
KG_NEO4J_LIB_DIR="$KG_NEO4J_HOME/lib"
KG_NEO4J_LOG_DIR="$KG_NEO4J_HOME/logs"
KG_NEO4J_RUN_DIR="$KG_NEO4J_HOME/run"
KG_NEO4J_DATA_DIR="$KG_NEO4J_HOME/data"
KG_NEO4J_IMPORT_DIR="$KG_NEO4J_HOME/import"
KG_NEO4J_PIDFILE="$KG_NEO4J_RUN_DIR/kg-neo4j.pid"

kg_log() { printf 'neo4j: %s\n' "$*" >&2; }
kg_die() { printf 'neo4j: error: %s\n' "$*" >&2; exit 1; }

# --- Java ---------------------------------------------------------------------------
# Neo4j 5.26 runs on Java 17 or 21 only. Order: KG_NEO4J_JAVA (a java binary), JAVA_HOME,
# the Debian OpenJDK 17, any other 17/21 under /usr/lib/jvm, java on PATH.
kg_java_major() { # $1 = java binary -> prints major version
    "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

kg_find_java() {
    [ -n "${KG_JAVA_BIN:-}" ] && return 0
    local cand c major warned=""
    local -a cands=()
    [ -n "${KG_NEO4J_JAVA:-}" ] && cands+=("$KG_NEO4J_JAVA")
    [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME/bin/java")
    cands+=(/usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/java-17-openjdk-arm64/bin/java)
    for c in /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*21*/bin/java; do [ -x "$c" ] && cands+=("$c"); done
    c="$(command -v java 2>/dev/null || true)"; [ -n "$c" ] && cands+=("$c")
    for cand in "${cands[@]}"; do
        [ -x "$cand" ] || continue
        major="$(kg_java_major "$cand")"
        if [ "$major" = "17" ] || [ "$major" = "21" ]; then
            KG_JAVA_BIN="$cand"
            KG_JAVA_HOME_DIR="$(cd "$(dirname "$(readlink -f "$cand")")/.." && pwd)"
            return 0
        fi
        if [ -n "${KG_NEO4J_JAVA:-}" ] && [ "$cand" = "$KG_NEO4J_JAVA" ] && [ -z "${warned:-}" ]; then
            kg_log "warning: KG_NEO4J_JAVA=$cand is Java $major; Neo4j 5.26 needs 17 or 21, looking further"
            warned=1
        fi
    done
    kg_die "no Java 17 or 21 found (Neo4j 5.26 needs one): install openjdk-17-jdk-headless or set KG_NEO4J_JAVA=/path/to/java"
}

# --- classpath from Maven Central ------------------------------------------------------
# kg_classpath PROFILE -> sets KG_CP to the classpath for the pom.xml profile (server|shell)
kg_classpath() {
    local profile="$1"
    local cpfile="$KG_NEO4J_LIB_DIR/$profile.classpath"
    local keyfile="$cpfile.key"
    local key
    key="$(sha256sum <"$KG_NEO4J_DIR/pom.xml" | cut -c1-16) ${KG_MVN_OPTS:-}"
    if [ -s "$cpfile" ] && [ -f "$keyfile" ] && [ "$(cat "$keyfile")" = "$key" ]; then
        KG_CP="$(cat "$cpfile")"
        local ok=1 jar
        local IFS=':'
        for jar in $KG_CP; do [ -f "$jar" ] || { ok=0; break; }; done
        unset IFS
        [ "$ok" = 1 ] && return 0
        kg_log "cached classpath refers to missing jars, resolving again"
    fi
    kg_find_java
    local mvn="${KG_MVN:-$(command -v mvn 2>/dev/null || true)}"
    [ -n "$mvn" ] || kg_die "Maven (mvn) not found: install it (apt-get install -y maven) or set KG_MVN"
    mkdir -p "$KG_NEO4J_LIB_DIR" "$KG_NEO4J_LOG_DIR"
    local mlog="$KG_NEO4J_LOG_DIR/maven-$profile.log"
    kg_log "resolving Neo4j ($profile classpath) with Maven; the first run downloads up to ~200 MB from Maven Central (log: $mlog)"
    local t0=$SECONDS
    # shellcheck disable=SC2086
    if ! JAVA_HOME="$KG_JAVA_HOME_DIR" "$mvn" -B -ntp -f "$KG_NEO4J_DIR/pom.xml" -P "$profile" ${KG_MVN_OPTS:-} \
            dependency:build-classpath -Dmdep.outputFile="$cpfile.tmp" -Dmdep.includeScope=runtime \
            >"$mlog" 2>&1; then
        tail -n 30 "$mlog" >&2
        kg_die "Maven could not resolve the Neo4j $profile classpath (see $mlog)"
    fi
    [ -s "$cpfile.tmp" ] || kg_die "Maven wrote an empty classpath (see $mlog)"
    mv "$cpfile.tmp" "$cpfile"
    printf '%s' "$key" >"$keyfile"
    kg_log "classpath ($profile) ready in $((SECONDS - t0))s"
    KG_CP="$(cat "$cpfile")"
}

# --- neo4j.conf -----------------------------------------------------------------------
# Regenerated on every start/admin call from the environment. Extra settings go into
# $KG_NEO4J_HOME/neo4j.extra.conf (key=value lines); a key given there replaces ours.
kg_write_conf() {
    mkdir -p "$KG_NEO4J_CONF_DIR" "$KG_NEO4J_LOG_DIR" "$KG_NEO4J_RUN_DIR" "$KG_NEO4J_DATA_DIR" \
        "$KG_NEO4J_IMPORT_DIR" "$KG_NEO4J_HOME/plugins"
    local extra="$KG_NEO4J_HOME/neo4j.extra.conf"
    local tmp="$KG_NEO4J_CONF_DIR/neo4j.conf.tmp"
    {
        echo "# Generated by deploy/neo4j/neo4j on every start: edits here are lost."
        echo "# Put your own settings into $extra instead."
        echo "server.directories.data=$KG_NEO4J_DATA_DIR"
        echo "server.directories.logs=$KG_NEO4J_LOG_DIR"
        echo "server.directories.run=$KG_NEO4J_RUN_DIR"
        echo "server.directories.import=$KG_NEO4J_IMPORT_DIR"
        echo "server.directories.plugins=$KG_NEO4J_HOME/plugins"
        echo "server.default_listen_address=$KG_NEO4J_HOST"
        echo "server.default_advertised_address=$KG_NEO4J_HOST"
        echo "server.bolt.enabled=true"
        echo "server.bolt.listen_address=$KG_NEO4J_HOST:$KG_NEO4J_BOLT_PORT"
        echo "server.bolt.advertised_address=$KG_NEO4J_HOST:$KG_NEO4J_BOLT_PORT"
        echo "server.http.enabled=true"
        echo "server.http.listen_address=$KG_NEO4J_HOST:$KG_NEO4J_HTTP_PORT"
        echo "server.http.advertised_address=$KG_NEO4J_HOST:$KG_NEO4J_HTTP_PORT"
        echo "server.https.enabled=false"
        echo "server.http_enabled_modules=TRANSACTIONAL_ENDPOINTS,UNMANAGED_EXTENSIONS,BROWSER,QUERY_API_ENDPOINTS"
        echo "server.memory.heap.initial_size=$KG_NEO4J_HEAP"
        echo "server.memory.heap.max_size=$KG_NEO4J_HEAP"
        echo "server.memory.pagecache.size=$KG_NEO4J_PAGECACHE"
        echo "dbms.security.auth_enabled=true"
        echo "dbms.usage_report.enabled=false"
        echo "db.tx_log.rotation.retention_policy=$KG_NEO4J_TX_LOG_RETENTION"
        echo "browser.remote_content_hostname_whitelist=$(printf '%s' "$KG_BROWSER_WHITELIST" | tr -d '\r\n')"
        if [ -n "$KG_BROWSER_POST_CONNECT_CMD" ]; then
            echo "browser.post_connect_cmd=$(printf '%s' "$KG_BROWSER_POST_CONNECT_CMD" | tr -d '\r\n')"
        fi
    } >"$tmp"
    if [ -f "$extra" ]; then
        # drop our lines whose key the extra file sets, then append the extra file
        awk -F= 'NR == FNR { if ($0 !~ /^[[:space:]]*(#|$)/) { k = $1; gsub(/[[:space:]]/, "", k); seen[k] = 1 } next }
                 { k = $1; gsub(/[[:space:]]/, "", k); if (!(k in seen)) print }' "$extra" "$tmp" >"$tmp.2"
        { cat "$tmp.2"; echo "# --- from $extra"; cat "$extra"; echo; } >"$tmp"
        rm -f "$tmp.2"
    fi
    mv "$tmp" "$KG_NEO4J_CONF_DIR/neo4j.conf"
}

# JVM flags the tarball's bin/neo4j would add (see server.jvm.additional in its neo4j.conf)
kg_jvm_flags() {
    KG_JVM_FLAGS=(
        -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+UnlockExperimentalVMOptions
        -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC
        -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
        -Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true
        -XX:FlightRecorderOptions=stackdepth=256 -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
        --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
        -Dlog4j2.disable.jmx=true -Dlog4j.layout.jsonTemplate.maxStringLength=32768
        -Dfile.encoding=UTF-8
    )
}
