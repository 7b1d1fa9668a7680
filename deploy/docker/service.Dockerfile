# syntax=docker/dockerfile:1
# The nuiawase service's image: the only image with the case library (answer keys) and
# the rubric. Build from the repository's root:
#
#   docker build -f deploy/docker/service.Dockerfile -t registry.example.pref.lg.jp/nuiawase/service:0.1.0 .
FROM python:3.11-slim-bookworm

ENV PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# The caches' folder, set before the build writes GiNZA's word vectors into it: the
# service runs as another user on a read-only root, so it must find them where they were
# built (read-only at run time; the case-file cache then simply is not written).
ENV NUIAWASE_CACHE_DIR=/opt/nuiawase/cache

WORKDIR /build
COPY pyproject.toml README.md ./
COPY simulator/ simulator/
# The package, then the word vectors read once into the compact cache (as `make setup`
# does), so no interview waits for it.
RUN pip install . \
 && python -m simulator.interview.vectors \
 && rm -rf /build

# The case library and the rubric: here, and in no other image.
COPY cases_synthetic/ /opt/nuiawase/library/cases_synthetic/
COPY rubrics/ /opt/nuiawase/library/rubrics/
ENV NUIAWASE_CASES=/opt/nuiawase/library/cases_synthetic \
    NUIAWASE_RUBRICS=/opt/nuiawase/library/rubrics \
    HOME=/tmp

RUN useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin nuiawase
USER 10001
WORKDIR /tmp
EXPOSE 8765
# The database URL comes from NUIAWASE_DATABASE_URL (the Secret nuiawase-store), the hub
# from JUPYTERHUB_API_URL (deploy/k8s/service.yaml).
ENTRYPOINT ["python", "-m", "simulator.service"]
CMD ["--host", "0.0.0.0", "--port", "8765"]
