# syntax=docker/dockerfile:1
#
# Pulse server image: a Maven build stage, then a JRE-only runtime that runs as uid 10001.
#   docker build -t pulse:dev .
#   docker run -p 8080:8080 -v pulse-data:/var/lib/pulse -e PULSE_ADMIN_TOKEN=... pulse:dev
# From a jar built beforehand (no Maven in the image build; the context is the jar's directory):
#   mvn -B -DskipTests -pl cli -am package -Dduckdb.platform=linux_amd64
#   docker build --target prebuilt -t pulse:dev -f Dockerfile cli/target
# Without a registry, BASE_IMAGE can be a local image (deploy/image/debian-base.sh builds one).
# Kubernetes: deploy/helm/pulse or deploy/kubernetes (they set a read-only root filesystem and mount
# /var/lib/pulse and /tmp). See docs/deploy.md.

ARG BUILD_IMAGE=maven:3-eclipse-temurin-17
ARG BASE_IMAGE=eclipse-temurin:17-jre

# ---- build ----------------------------------------------------------------------------------------
FROM ${BUILD_IMAGE} AS build
# Set by BuildKit (amd64, arm64); the jar keeps only this platform's DuckDB library (40 MB, not 100).
ARG TARGETARCH
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit); only the CLI and the modules it needs build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests -pl cli -am package -Dduckdb.platform=linux_${TARGETARCH:-amd64} \
 && java -cp cli/target/pulse.jar dev.pulse.cli.packaging.DuckDbLibrarySplit cli/target/pulse.jar /pulse.jar /lib

# ---- runtime, without the jar ---------------------------------------------------------------------
FROM ${BASE_IMAGE} AS runtime-base

LABEL org.opencontainers.image.title="pulse" \
      org.opencontainers.image.description="Pulse usage-telemetry server" \
      org.opencontainers.image.licenses="Apache-2.0"

# A fixed, non-root uid/gid: the Kubernetes manifests run as 10001 with fsGroup 10001.
RUN groupadd --system --gid 10001 pulse \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/pulse --shell /usr/sbin/nologin pulse \
 && mkdir -p /app /var/lib/pulse \
 && chown 10001:10001 /var/lib/pulse \
 && chmod 0700 /var/lib/pulse

# `pulse` on the PATH runs the jar: the server (the entrypoint) and any command run in the container
# (kubectl exec ... -- pulse query ...). The JVM's options are JAVA_OPTS, read by this launcher only: set
# as JAVA_TOOL_OPTIONS, the JVM would print "Picked up JAVA_TOOL_OPTIONS: ..." before every command.
RUN printf '%s\n' '#!/bin/sh' 'set -f' 'exec java $JAVA_OPTS -jar /app/pulse.jar "$@"' > /usr/local/bin/pulse \
 && chmod 0755 /usr/local/bin/pulse

# The embedded DuckDB file lives in the data directory: keep it on a volume.
ENV PULSE_DATA_DIR=/var/lib/pulse \
    JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/pulse
WORKDIR /var/lib/pulse
EXPOSE 8080

USER 10001:10001

# Liveness only (/healthz: process up). The image has no curl, so bash speaks HTTP/1.0 itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PULSE_PORT:-8080} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Exec form, and the launcher execs java: java is PID 1 and gets SIGTERM directly, drains in-flight
# requests and closes the store.
ENTRYPOINT ["pulse"]
CMD ["serve"]

# ---- DuckDB's library out of a jar built beforehand, with the base image's own java ----------------
# The driver would copy its 57 MB library from the jar into /tmp at every start of every pulse command;
# without one in the jar it loads libduckdb_java.so from java.library.path (/usr/java/packages/lib).
FROM ${BASE_IMAGE} AS prebuilt-split
COPY pulse.jar /pulse-built.jar
RUN java -cp /pulse-built.jar dev.pulse.cli.packaging.DuckDbLibrarySplit /pulse-built.jar /pulse.jar /lib

# ---- runtime from a jar built beforehand: docker build --target prebuilt -f Dockerfile cli/target --
FROM runtime-base AS prebuilt
COPY --from=prebuilt-split --chown=root:root --chmod=0644 /lib/libduckdb_java.so /usr/java/packages/lib/
COPY --from=prebuilt-split --chown=root:root --chmod=0644 /pulse.jar /app/pulse.jar

# ---- runtime (the default target) -----------------------------------------------------------------
FROM runtime-base AS runtime
COPY --from=build --chown=root:root --chmod=0644 /lib/libduckdb_java.so /usr/java/packages/lib/
COPY --from=build --chown=root:root --chmod=0644 /pulse.jar /app/pulse.jar
