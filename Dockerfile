# The code location's image: Dagster's gRPC server over orchestration/definitions.py, and the image every run Job
# runs in (deploy/helm/values.yaml). Build from the repository root:
#   docker build -t registry.example.com/wa-crm-analytics:<tag> .
FROM python:3.11-slim-bookworm

# Java for the dbt Spark target (session mode, DESIGN §10); the DuckDB target needs none of it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*

# The uv that wrote uv.lock, so the image resolves exactly what the tests ran with.
RUN pip install --no-cache-dir "uv>=0.13,<0.14"
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DAGSTER_HOME=/opt/dagster/dagster_home

WORKDIR /opt/wa-crm-analytics

# Dependencies first, from the lock files alone, so a code change does not reinstall them. No test tools. dbt-spark
# gets its own environment (/opt/spark-venv/bin/dbt): deploy/spark/pyproject.toml says why.
COPY pyproject.toml uv.lock README.md ./
COPY deploy/spark/pyproject.toml deploy/spark/uv.lock deploy/spark/
RUN uv sync --frozen --no-default-groups --group kubernetes --no-install-project \
    && UV_PROJECT_ENVIRONMENT=/opt/spark-venv uv sync --frozen --project deploy/spark

COPY . .
# The dbt manifest the code location loads its assets from, parsed at build time with the chart's WAREHOUSE_PATH:
# dbt hashes the profile, path included, and parses the whole project again at every build (3-4 s each) when the
# path it runs with differs from the one it parsed with.
RUN uv sync --frozen --no-default-groups --group kubernetes \
    && cd dbt_project \
    && WAREHOUSE_PATH=/data/warehouse.duckdb dbt parse --quiet --profiles-dir . --project-dir . \
    && mkdir -p "$DAGSTER_HOME"

# The chart passes its own `dagster api grpc` arguments; this default serves the same for a plain `docker run`.
EXPOSE 3030
CMD ["dagster", "api", "grpc", "--module-name", "orchestration.definitions", "--host", "0.0.0.0", "--port", "3030"]
