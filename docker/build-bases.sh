#!/usr/bin/env bash
# Makes the base images docker/Dockerfile.jvm names, from Debian packages, on a machine that runs podman but cannot
# pull from a registry (this project's CI): a Debian bookworm root file system (debootstrap) with Temurin 25 copied in,
# the whole JDK for the build stage and a jlinked runtime for the run stage, tagged with the exact names of the
# Dockerfile's FROM lines, so that the Dockerfile stays what a user with Docker builds.
#
#   docker/build-bases.sh            (as root; needs podman, runc, debootstrap and Temurin 25)
#   JDK_25=/path/to/jdk-25 docker/build-bases.sh
set -euo pipefail
cd "$(dirname "$0")/.."

JDK=${JDK_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -x "$JDK/bin/jlink" ]; then
    echo "docker/build-bases.sh needs a Temurin 25 JDK in $JDK (or JDK_25=...)"; exit 1
fi
P=${PODMAN:-podman}
build_tag=$(sed -n 's/^FROM \(eclipse-temurin:[^ ]*-jdk[^ ]*\) AS build$/\1/p' docker/Dockerfile.jvm)
run_tag=$(sed -n 's/^FROM \(eclipse-temurin:[^ ]*-jre[^ ]*\)$/\1/p' docker/Dockerfile.jvm)
[ -n "$build_tag" ] && [ -n "$run_tag" ] || { echo "no eclipse-temurin FROM lines in docker/Dockerfile.jvm"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "   debootstrap bookworm (minbase, ca-certificates, passwd)"
debootstrap --variant=minbase --include=ca-certificates,passwd bookworm "$work/rootfs" \
    "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; exit 1; }
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*

# the run stage: only the modules a Quarkus application uses
echo "   jlink a Java 25 runtime"
"$JDK/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.net,jdk.jfr,jdk.localedata \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$work/jre"

image() { # $1 tag, $2 Java home to copy in
    rm -rf "$work/rootfs/opt/java"
    mkdir -p "$work/rootfs/opt/java"
    cp -a "$2" "$work/rootfs/opt/java/openjdk"
    tar -C "$work/rootfs" -c . | $P import \
        --change 'ENV JAVA_HOME=/opt/java/openjdk' \
        --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' - "$1" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
    echo "   $1: $($P image inspect --format '{{.Size}}' "$1" | awk '{ printf "%d MB", $1 / 1e6 }')"
}
image "$build_tag" "$JDK"
image "$run_tag" "$work/jre"
