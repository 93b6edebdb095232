#!/usr/bin/env bash
# Pre-fetches the jars of a real Apache Kafka broker (see pom.xml beside this file) into
# <repo>/.cache/kafka/<version>/libs, so tests can start a KRaft broker without Docker.
# Idempotent: does nothing when the cache is already complete. Prints the libs folder last.
set -euo pipefail

KAFKA_VERSION=3.9.2 # keep in step with pom.xml and test/support/kafka-broker.ts
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
libs="$root/.cache/kafka/$KAFKA_VERSION/libs"

# The marker is written last, so an interrupted download is never mistaken for a complete one.
if [[ -f "$libs/.complete" ]]; then
  echo "$libs"
  exit 0
fi

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch.sh: '$tool' not found on PATH; the local Kafka broker needs Java 17+ and Maven 3 (e.g. apt-get install openjdk-17-jre-headless maven)" >&2
    exit 1
  fi
done

# Download into a private folder then rename it into place: parallel jest workers or CI jobs
# racing on a cold cache then never see a half-filled libs folder.
mkdir -p "$(dirname "$libs")"
tmp="$(mktemp -d "$libs.partial.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "fetch.sh: resolving Apache Kafka $KAFKA_VERSION jars with Maven..." >&2
# Maven's output is only shown when it fails (even -q leaves colour escapes behind).
if ! out="$(mvn -q -B -f "$here/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
  dependency:copy-dependencies -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1)"; then
  echo "$out" >&2
  echo "fetch.sh: Maven could not resolve the Kafka jars (is Maven Central reachable?)" >&2
  exit 1
fi
touch "$tmp/.complete"
if ! mv -T "$tmp" "$libs" 2>/dev/null; then
  # Someone else finished first (or left a broken folder): keep theirs only if complete.
  if [[ ! -f "$libs/.complete" ]]; then
    rm -rf "$libs"
    mv -T "$tmp" "$libs"
  fi
fi
echo "$libs"
