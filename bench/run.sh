#!/usr/bin/env bash
# Benchmark: builds the service, runs it against a fast fake upstream on loopback (FakeUpstream, with an added
# latency), drives it with wrk, and prints requests per second, p50/p99 latency, upstream calls per query and the
# service's peak RSS for each scenario.
#
#   bench/run.sh                 all scenarios (about 14 minutes: the JIT needs a minute and a half of load to settle)
#   DURATION=30s CONNECTIONS=20 JVM_OPTS="-Xmx256m" bench/run.sh
#   SCENARIOS=shared bench/run.sh  only what sharing the economy through PostgreSQL costs an upstream call
#   SCENARIOS=startup bench/run.sh only the start-up figures (with and without the AOT cache)
#   ONE_CORE=true bench/run.sh     the service pinned to core 0 (taskset), the fake upstream and wrk on core 1
#   AOT=true bench/run.sh          also builds the AOT cache (Leyden, JDK 25) from the integration tests (else its own queries)
# The service runs on Temurin 25 (/usr/lib/jvm/temurin-25-jdk-amd64, compact object headers on) when the machine has
# it, else on the java of the PATH; JAVA=... chooses.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-90s}
CONNECTIONS=${CONNECTIONS:-20}
# The image's memory settings (docker/Dockerfile.jvm) at the manifests' 512 MB limit: half of it for the heap (256 MB),
# a young generation as large as the old one, the serial collector, the non-heap caps.
JVM_OPTS=${JVM_OPTS:--Xmx256m -XX:NewRatio=1 -XX:SurvivorRatio=4 -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:MaxDirectMemorySize=64m -Dio.netty.allocator.maxOrder=8 -XX:+ExitOnOutOfMemoryError}
JAVA=${JAVA:-}
if [ -z "$JAVA" ]; then
    if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; else JAVA=java; fi
fi
JAVA_MAJOR=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "${JAVA_MAJOR:-0}" -ge 25 ]; then JVM_OPTS="$JVM_OPTS -XX:+UseCompactObjectHeaders"; fi
TRAIN_OPTS="$(echo "$JVM_OPTS" | sed 's/-XX:MaxMetaspaceSize=[^ ]*//') -XX:MaxMetaspaceSize=512m"
SERVICE_CPU=()
CLIENT_CPU=()
if [ "${ONE_CORE:-false}" = true ]; then SERVICE_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi
FAKE_PORT=18090
SERVICE_PORT=18080
MANAGEMENT_PORT=18081
USER_ID=5c2f338a000000000701e1c6
# the benchmark's client: an admin key with a budget no run exhausts
BENCH_KEY=xhs_bench-key-0000000000000000000000000000
export BENCH_KEY
WORK=target/bench
mkdir -p "$WORK"

command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -q wrk >/dev/null; }
command -v curl >/dev/null || { echo "installing curl"; apt-get install -y -q curl >/dev/null; }

echo "== building"
if [ "${AOT:-false}" = true ]; then
    # the AOT cache is trained by the black-box tests against the packaged jar (Quarkus' AOT guide); JDK 25 needed
    [ "${JAVA_MAJOR:-0}" -ge 25 ] || { echo "AOT=true needs JDK 25 (JAVA=...)"; exit 1; }
    rm -f target/failsafe-reports/failsafe-summary*.xml   # an earlier build's results would count
    rm -f target/quarkus-app/app.aot                        # a cache of an earlier build would be refused
    # the training runs with the benchmark's JVM flags (a cache recorded without compact object headers is refused by
    # a JVM that has them) but no metaspace cap: the JVM writing the cache runs out of room for it under 128 MB
    # ("Unable to allocate from 'ro' region"); the cache then loads under the cap
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")") ./mvnw -B -q verify -Dquarkus.package.jar.aot.enabled=true \
        -Dquarkus.test.arg-line="$TRAIN_OPTS" -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
        -Dit.test=PackagedApplicationIT
else
    ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

cat > "$WORK/shallow.json" <<JSON
{"query":"{ user(id: \"$USER_ID\") { notes(first: 10) { nodes { xhsId title likeCount commentCount } } } }"}
JSON
cat > "$WORK/nested.json" <<JSON
{"query":"{ user(id: \"$USER_ID\") { notes(first: 5) { nodes { xhsId title comments(first: 5) { nodes { content likeCount replies(first: 5) { nodes { content replyTo { xhsId } } } } } } } } }"}
JSON
# the query of "pay only for what is unknown": over the real reply mix, replies cost calls only past the inline previews
cat > "$WORK/mix.json" <<JSON
{"query":"{ user(id: \"$USER_ID\") { notes(first: 5) { nodes { comments(first: 10) { nodes { replies(first: 2) { nodes { content } } } } } } } }"}
JSON
cat > "$WORK/mix-maxage0.json" <<JSON
{"query":"{ user(id: \"$USER_ID\", maxAge: 0) { nickname notes(first: 5, maxAge: 0) { nodes { comments(first: 10, maxAge: 0) { nodes { replies(first: 2, maxAge: 0) { nodes { content } } } } } } } }"}
JSON

FAKE_PID=""
SERVICE_PID=""
cleanup() {
    [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null || true
    [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT

start_fake() { # $1 latency in ms, $2 world: uniform (12 replies a comment, no previews) or mix (real reply mix)
    [ -n "$FAKE_PID" ] && { kill "$FAKE_PID"; wait "$FAKE_PID" 2>/dev/null || true; }
    "${CLIENT_CPU[@]}" java -Xmx256m -Dsun.net.httpserver.nodelay=true -cp "$CP" com.xhsgraph.bench.FakeUpstream $FAKE_PORT "$1" "${2:-uniform}" > "$WORK/fake.log" 2>&1 &
    FAKE_PID=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$FAKE_PORT/stats" >/dev/null && return; sleep 0.2; done
    echo "fake upstream did not start"; cat "$WORK/fake.log"; exit 1
}

start_service() { # $1: snapshots enabled (true/false), $2: economy shared through PostgreSQL (default true)
    launch_service "$@"
    for _ in $(seq 150); do curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null && return; sleep 0.2; done
    echo "service did not start"; tail -50 "$RUN_DIR/service.log"; exit 1
}

launch_service() { # as start_service, without waiting; EXTRA_JVM_OPTS are added
    [ -n "$SERVICE_PID" ] && { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }
    RUN_DIR="${FIXED_RUN_DIR:-$PWD/$WORK/run-$(date +%s%N)}"
    mkdir -p "$RUN_DIR"
    (cd "$RUN_DIR" && exec "${SERVICE_CPU[@]}" env JUSTONEAPI_BASE_URL="http://127.0.0.1:$FAKE_PORT" JUSTONEAPI_TOKEN=bench-token \
        QUARKUS_HTTP_PORT=$SERVICE_PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_LOG_LEVEL=WARN \
        XHS_SNAPSHOTS_ENABLED="$1" XHS_CLUSTER_SHARED="${2:-true}" XHS_UPSTREAM_MAX_CONCURRENCY=64 \
        XHS_UPSTREAM_RATE_LIMIT_PER_SECOND=1000000 XHS_UPSTREAM_RATE_LIMIT_BURST=100000 \
        XHS_GRAPH_MAX_UPSTREAM_CALLS=1000 XHS_ADMIN_KEY=$BENCH_KEY XHS_ACCESS_ADMIN_DAILY_BUDGET=2000000000 \
        "$JAVA" $JVM_OPTS ${EXTRA_JVM_OPTS:-} -jar "$OLDPWD/target/quarkus-app/quarkus-run.jar" > "$RUN_DIR/service.log" 2>&1) &
    SERVICE_PID=$!
}

upstream_calls() { curl -s "http://127.0.0.1:$FAKE_PORT/stats" | sed 's/[^0-9]//g'; }
reset_calls() { curl -s -X POST "http://127.0.0.1:$FAKE_PORT/stats" >/dev/null; }
peak_rss_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVICE_PID/status"; }

run() { # $1 label, $2 body file
    curl -s -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_KEY" --data @"$2" \
        "http://127.0.0.1:$SERVICE_PORT/graphql"
    local warm
    warm=$(BENCH_BODY="$2" "${CLIENT_CPU[@]}" wrk -t"$(( CONNECTIONS < 2 ? CONNECTIONS : 2 ))" -c"$CONNECTIONS" -d"$WARMUP" \
        -s bench/post.lua "http://127.0.0.1:$SERVICE_PORT/graphql" | grep '^BENCH')
    printf '%-58s %s\n' "  (warm-up $WARMUP)" "$(echo "${warm#BENCH }" | sed 's/ graphql_errors=.*//')"
    reset_calls
    local out
    out=$(BENCH_BODY="$2" "${CLIENT_CPU[@]}" wrk -t"$(( CONNECTIONS < 2 ? CONNECTIONS : 2 ))" -c"$CONNECTIONS" -d"$DURATION" -s bench/post.lua \
        "http://127.0.0.1:$SERVICE_PORT/graphql" | grep '^BENCH')
    local requests calls
    requests=$(echo "$out" | sed 's/.*requests=\([0-9]*\).*/\1/')
    calls=$(upstream_calls)
    printf '%-58s %s upstream_calls_per_query=%s peak_rss_mb=%s\n' "$1" "${out#BENCH }" \
        "$(awk -v c="$calls" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c / r : 0) }')" "$(peak_rss_mb)"
}

# what the budget gate reserves for a query before it runs: its worst case, the calls of a service that knew nothing
estimate() { curl -s -H 'Content-Type: application/json' -H 'X-Upstream-Dry-Run: true' \
    -H "Authorization: Bearer $BENCH_KEY" --data @"$1" \
    "http://127.0.0.1:$SERVICE_PORT/graphql" | sed 's/.*"estimatedCalls":\([0-9]*\).*/\1/'; }

once() { # $1 label, $2 body file: one query on a cold service, its calls next to the worst case
    reset_calls
    curl -s -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_KEY" --data @"$2" \
        "http://127.0.0.1:$SERVICE_PORT/graphql"
    printf '%-58s upstream_calls=%s estimated_calls=%s\n' "$1" "$(upstream_calls)" "$(estimate "$2")"
}

burst() { # $1 label, $2 body file, $3 concurrent requests: all fired at once, upstream calls counted
    reset_calls
    seq "$3" | xargs -P "$3" -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $BENCH_KEY" --data @"$2" \
        "http://127.0.0.1:$SERVICE_PORT/graphql"
    printf '%-58s concurrent_queries=%s upstream_calls=%s peak_rss_mb=%s\n' "$1" "$3" "$(upstream_calls)" "$(peak_rss_mb)"
}

# what the shared statements (rate limit and breaker, call lease, usage count) added to each upstream call, from the
# service's own timers: their mean each, and their sum divided by the upstream calls made
shared_cost() {
    curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '
        /^xhs_cluster_statement_seconds_(count|sum)\{/ && /outcome="ok"/ {
            match($0, /op="[a-z]+"/); op = substr($0, RSTART + 4, RLENGTH - 5)
            if ($0 ~ /_count\{/) count[op] += $NF; else sum[op] += $NF
        }
        END {
            for (op in count) { printf "%s_ms=%.3f ", op, 1000 * sum[op] / count[op]; total += sum[op] }
            if (count["admit"] > 0) printf "added_per_upstream_call_ms=%.3f", 1000 * total / count["admit"]
        }'
}

# start-up: from launch to the first answered query (the shallow one, through the fake upstream, polled every 20 ms);
# then, on another fresh start, the nested query as the very first request after readiness
startup() { # $1 label
    local t0 t1 nested
    # in a directory whose embedded database exists already, as on a restart (its first creation is not measured)
    export FIXED_RUN_DIR="$PWD/$WORK/run-startup"
    [ -d "$FIXED_RUN_DIR/.xhs-graph" ] || start_service false
    t0=$(date +%s%N)
    launch_service false
    until curl -sf -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_KEY" \
        --data @"$WORK/shallow.json" "http://127.0.0.1:$SERVICE_PORT/graphql"; do
        sleep 0.02
        [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 120 ] || { echo "no answer in 120 s"; tail -30 "$RUN_DIR/service.log"; exit 1; }
    done
    t1=$(date +%s%N)
    start_service false
    nested=$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $BENCH_KEY" --data @"$WORK/nested.json" "http://127.0.0.1:$SERVICE_PORT/graphql")
    printf '%-58s first_answered_query_ms=%d first_nested_query_ms=%.0f\n' "$1" $(( (t1 - t0) / 1000000 )) \
        "$(awk -v t="$nested" 'BEGIN { print t * 1000 }')"
    unset FIXED_RUN_DIR
}

# the AOT cache from the benchmark's own queries (JDK 25, one step: the JVM writes the cache when it exits), where the
# integration tests left none (Quarkus writes app.aot after the tests only if its creation step succeeds)
train_aot() {
    echo "(the integration tests left no app.aot: training it on the benchmark's own queries)"
    start_fake 50
    JVM_OPTS="$TRAIN_OPTS" EXTRA_JVM_OPTS="-XX:AOTCacheOutput=$PWD/target/quarkus-app/app.aot" start_service false
    for body in shallow nested mix; do
        for _ in $(seq 5); do
            curl -s -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_KEY" \
                --data @"$WORK/$body.json" "http://127.0.0.1:$SERVICE_PORT/graphql"
        done
    done
    kill "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
    [ -f target/quarkus-app/app.aot ] || { echo "no AOT cache was written"; tail -20 "$RUN_DIR/service.log"; }
}

SCENARIOS=${SCENARIOS:-all}
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM_OPTS: $JVM_OPTS"
[ "${ONE_CORE:-false}" = true ] && echo "== one core: the service on core 0, the fake upstream and wrk on core 1"
echo "== $CONNECTIONS connections, $DURATION per scenario, wrk, fake upstream and service on this machine"

if [ "${AOT:-false}" = true ] && [ ! -f target/quarkus-app/app.aot ]; then train_aot; fi

if [ "$SCENARIOS" = all ] || [ "$SCENARIOS" = startup ]; then
start_fake 50
startup "start-up, JVM, no AOT cache"
if [ -f target/quarkus-app/app.aot ]; then
    EXTRA_JVM_OPTS="-XX:AOTCache=$PWD/target/quarkus-app/app.aot" startup "start-up, JVM, AOT cache (app.aot)"
else
    echo "(no target/quarkus-app/app.aot: AOT=true builds it on JDK 25)"
fi
fi

if [ "$SCENARIOS" = all ]; then
start_fake 50
start_service false
run "50 ms upstream, snapshots bypassed, shallow" "$WORK/shallow.json"
run "50 ms upstream, snapshots bypassed, nested (31 pages)" "$WORK/nested.json"
CONNECTIONS=1 run "50 ms upstream, snapshots bypassed, nested alone (1 client)" "$WORK/nested.json"

start_fake 0
start_service false
run "0 ms upstream, snapshots bypassed, shallow" "$WORK/shallow.json"

start_service true
run "0 ms upstream, fresh snapshots, shallow" "$WORK/shallow.json"

start_fake 50
start_service true
burst "50 ms upstream, 100 identical nested queries at once" "$WORK/nested.json" 100

start_fake 50 mix
start_service false
once "50 ms upstream, real reply mix, one query" "$WORK/mix.json"
run "50 ms upstream, real reply mix, snapshots bypassed" "$WORK/mix.json"
start_service true
once "50 ms upstream, real reply mix, maxAge 0, one query" "$WORK/mix-maxage0.json"
burst "50 ms upstream, real reply mix, 50 identical maxAge 0 queries" "$WORK/mix-maxage0.json" 50
fi

# what sharing the economy through PostgreSQL costs one instance, every query calling (maxAge 0): its own rate limit,
# breaker and single flight against the shared ones (usage is counted in PostgreSQL call by call either way); first one
# client at a time on a 50 ms upstream (the statements' own cost), then 20 clients on a 0 ms upstream (the database
# pool saturated, what a statement then waits for)
if [ "$SCENARIOS" = all ] || [ "$SCENARIOS" = shared ]; then
start_fake 50 mix
start_service true false
CONNECTIONS=1 run "50 ms upstream, maxAge 0, 1 client, economy of its own" "$WORK/mix-maxage0.json"
start_service true true
CONNECTIONS=1 run "50 ms upstream, maxAge 0, 1 client, economy shared" "$WORK/mix-maxage0.json"
echo "   shared statements: $(shared_cost)"
start_fake 0 mix
start_service true false
run "0 ms upstream, maxAge 0, economy of its own" "$WORK/mix-maxage0.json"
start_service true true
run "0 ms upstream, maxAge 0, economy shared" "$WORK/mix-maxage0.json"
echo "   shared statements: $(shared_cost)"
fi
