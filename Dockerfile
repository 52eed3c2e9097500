# Ketenkaart's app and command line, without test or dev extras.
#   docker build -t ketenkaart:local .
#   docker run --rm -p 127.0.0.1:8050:8050 ketenkaart:local ketenkaart demo --host 0.0.0.0
# docker-compose.yml runs it against Neo4j; see docs/neo4j.md.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KETENKAART_DATA_DIR=/data

# An unprivileged user that owns the data folder (a new named volume on /data takes this owner).
RUN groupadd --system --gid 10001 ketenkaart \
    && useradd --system --uid 10001 --gid ketenkaart --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin ketenkaart \
    && install -d -o ketenkaart -g ketenkaart -m 0750 /data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph ./graph
COPY loaders ./loaders
COPY queries ./queries
RUN pip install --no-cache-dir . \
    && rm -rf /src/build /src/*.egg-info

# Numeric, so `runAsNonRoot` style checks can tell it is not root.
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8050

CMD ["ketenkaart", "serve", "--host", "0.0.0.0", "--port", "8050"]
