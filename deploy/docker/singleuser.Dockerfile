# syntax=docker/dockerfile:1
# A trainee's (and staff member's) server under Zero to JupyterHub: the project's code and
# its notebooks, and nothing the trainee must not read. No case library (cases_synthetic/),
# no rubric (rubrics/), no exemplars (tests/), no curriculum quiz answers
# (curriculum/modules/): the interview, the scoring and the keys are the nuiawase service's.
# singleuser.Dockerfile.dockerignore keeps those folders out of the build context too.
# Build from the repository's root:
#
#   docker build -f deploy/docker/singleuser.Dockerfile -t registry.example.pref.lg.jp/nuiawase/singleuser:0.1.0 .
FROM python:3.11-slim-bookworm

ENV PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /build
COPY pyproject.toml README.md ./
COPY simulator/ simulator/
# jupyterhub-singleuser must match the hub's JupyterHub (chart 4.4.0: JupyterHub 5.5.0).
RUN pip install . "jupyterhub==5.5.0" \
 && rm -rf /build

# The pages that work through the service: the practice page, and the supervisors' apps
# (Voila notebooks of one-line calls; see the guide for which of them reach the service
# today). The curriculum's module pages are left out: their quizzes' answers are in
# curriculum/modules/ and are checked in the kernel.
COPY curriculum/practice.ipynb /srv/nuiawase/curriculum/
COPY voila_apps/*.ipynb /srv/nuiawase/voila_apps/
# The server's root is those pages; idle kernels are culled as `nuiawase serve` does.
COPY deploy/docker/jupyter_server_config.py /etc/jupyter/jupyter_server_config.py

# Zero to JupyterHub runs user pods as uid 1000, fsGroup 100 (Debian's "users").
RUN useradd --uid 1000 --gid 100 --create-home --shell /bin/bash jovyan
USER 1000
WORKDIR /home/jovyan
ENV HOME=/home/jovyan
EXPOSE 8888
CMD ["jupyterhub-singleuser"]
