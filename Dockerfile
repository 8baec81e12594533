# Model Library: build with the Maven wrapper on a JDK, run on a JRE.
# /data/images (avatars) and /data/lfs-parts exist in the image so that volumes mounted there
# (shared by several nodes: docker-compose.yml, profile "scale") start owned by the server's user.
#   docker build -t model-library .
#   docker run -p 3000:3000 -v model-library-data:/data model-library
# Without MONGODB_URI the server uses its embedded database, kept in /data.

# ---- build ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# Dependencies first: this layer is rebuilt only when the pom or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

COPY src src
RUN ./mvnw -B -q package -DskipTests \
    && cp target/model-library-*.jar /workspace/app.jar

# ---- run ----
FROM eclipse-temurin:17-jre
RUN groupadd --system modellibrary \
    && useradd --system --gid modellibrary --home-dir /app --shell /usr/sbin/nologin modellibrary \
    && mkdir -p /app /data/images /data/lfs-parts \
    && chown -R modellibrary:modellibrary /data
WORKDIR /app
COPY --from=build /workspace/app.jar /app/app.jar

# MALLOC_ARENA_MAX=2: glibc keeps up to 8 malloc arenas a core, one per thread that allocated
# natively (the JIT compilers, NIO, the embedded database), each holding on to what it freed: with
# 2 the S3 store's peak RSS at -Xmx256m fell from 573 to 545 MB (bench/s3.sh CASES=small,
# docs/decisions.md P8).
ENV MODELLIBRARY_DATA_DIR=/data \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME /data
EXPOSE 3000
USER modellibrary

# The JRE image has no curl: bash's /dev/tcp asks /actuator/health for {"status":"UP"}, on the
# management port when MANAGEMENT_SERVER_PORT is set (the whole actuator moves there), else on PORT.
# Graceful shutdown: docker stop's SIGTERM lets requests finish for MODELLIBRARY_SHUTDOWN_TIMEOUT
# (30s); give docker stop a longer --time (compose: stop_grace_period) when you raise it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${PORT:-3000}} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]

ENTRYPOINT ["java", "-jar", "/app/app.jar"]
