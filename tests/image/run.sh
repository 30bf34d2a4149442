#!/usr/bin/env bash
# npm run test:image: builds the image from Containerfile with podman, starts compose.yaml's set
# (PostgreSQL, app-1 and app-2, the email worker, nginx) and gives once through it in Chromium
# (tests/image/give-through-compose.spec.ts). Then checks what the image promises: not root,
# sharp loads, the HEALTHCHECK passes, the worker runs from the same image. Tears everything
# down at the end, volumes included. Not part of `npm test` (minutes, and root for podman).
#
# Needs: podman, docker-compose (Debian's v1, or v2), Chromium; root (rootful podman). Compose
# talks to podman through its Docker-compatible API (`podman system service`), so podman 4.3
# (Debian 12, no `podman compose`) works too. nginx is published on LANTERN_HTTP_PORT (8080).
#
# Machines that cannot pull from docker.io (IMAGE_TEST_LOCAL_BASE=1, or automatically when the
# pull fails): the base is made here instead, Debian bookworm (debootstrap --variant=minbase)
# plus this machine's own Node and npm, imported as localhost/lantern-base:bookworm; PostgreSQL
# and nginx then come from stand-ins built on it from Debian's packages (tests/image/*.Containerfile).
#
# IMAGE_TEST_REUSE=1 skips the build when localhost/lantern:test-image exists (to iterate on the
# compose side; a real run builds).
#
# This machine's quirks, handled without changing compose.yaml or the Containerfile:
# - crun refuses cgroups in hybrid mode: runc is used when installed;
# - containers may not raise their limits above ours: they get this shell's hard limits;
# - no systemd, which podman needs to run HEALTHCHECKs on its own: this script runs them;
# - a TLS-inspecting proxy (NODE_EXTRA_CA_CERTS set): npm ci in the build gets that CA through a
#   build-time mount only (nothing of it stays in the image).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

PROJECT=lantern-test-image
IMAGE=localhost/lantern:test-image
HTTP_PORT=${LANTERN_HTTP_PORT:-8080}
APP_URL="http://lantern.localhost:${HTTP_PORT}"
ORG_NAME="Image Test Org $(date +%s)"
WORK=$(mktemp -d /tmp/lantern-test-image.XXXXXX)
LOG=$WORK/log

say() { echo "[test:image] $*"; }
fail() { echo "[test:image] FAILED: $*" >&2; exit 1; }
command -v podman >/dev/null || fail "podman is not installed (apt-get install -y podman)"
COMPOSE=$(command -v docker-compose || true)
[ -n "$COMPOSE" ] || fail "docker-compose is not installed (apt-get install -y --no-install-recommends docker-compose)"
[ "$(id -u)" = 0 ] || fail "run as root (rootful podman)"
[ "$HTTP_PORT" = 8080 ] || [ "$HTTP_PORT" = 80 ] || fail "LANTERN_HTTP_PORT must be 8080 or 80 (nginx listens on those inside; test mode calls APP_URL from the containers)"
if (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null; then fail "port $HTTP_PORT is already taken on this machine"; fi

# podman's settings for this run only (CONTAINERS_CONF), for the podman commands and its API
# service: our own open-files limit, and at most podman's default 32768 processes (a sandbox
# without CAP_SYS_RESOURCE refused 65536 here although its own limit was higher).
NOFILE=$(ulimit -Hn)
NPROC=$(ulimit -Hu)
if [ "$NPROC" = unlimited ] || [ "$NPROC" -gt 32768 ]; then NPROC=32768; fi
CONF=$WORK/containers.conf
{
  echo "[containers]"
  echo "default_ulimits = [\"nofile=$NOFILE:$NOFILE\", \"nproc=$NPROC:$NPROC\"]"
  if command -v runc >/dev/null; then printf '[engine]\nruntime = "runc"\n'; fi
} >"$CONF"
export CONTAINERS_CONF=$CONF
ULIMITS=(--ulimit "nofile=$NOFILE:$NOFILE" --ulimit "nproc=$NPROC:$NPROC")

SERVICE_PID=""
HEALTH_PID=""
cleanup() {
  local status=$?
  set +e
  if [ -n "${DOCKER_HOST:-}" ]; then
    if [ "$status" != 0 ]; then
      (cd "$WORK/project" && "$COMPOSE" -p "$PROJECT" ps && "$COMPOSE" -p "$PROJECT" logs --no-color --tail=60) >"$WORK/compose-logs" 2>&1
      say "the services' logs: $WORK/compose-logs"
    fi
    say "compose down (volumes too)"
    (cd "$WORK/project" && "$COMPOSE" -p "$PROJECT" down -v --remove-orphans >>"$LOG" 2>&1)
  fi
  [ -z "$HEALTH_PID" ] || kill "$HEALTH_PID" 2>/dev/null
  [ -z "$SERVICE_PID" ] || kill "$SERVICE_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK/rootfs"
  say "log: $LOG"
}
trap cleanup EXIT

# ── Base images ──────────────────────────────────────────────────────────────
BASE_IMAGE=docker.io/library/node:20-bookworm-slim
POSTGRES_IMAGE=docker.io/library/postgres:17-bookworm
NGINX_IMAGE=docker.io/library/nginx:1.28-bookworm
if [ "${IMAGE_TEST_LOCAL_BASE:-}" != 1 ] && ! timeout 120 podman pull -q "$BASE_IMAGE" >>"$LOG" 2>&1; then
  say "cannot pull $BASE_IMAGE (see $LOG): using a base made on this machine"
  IMAGE_TEST_LOCAL_BASE=1
fi
if [ "${IMAGE_TEST_LOCAL_BASE:-}" = 1 ]; then
  BASE_IMAGE=localhost/lantern-base:bookworm
  if ! podman image exists "$BASE_IMAGE"; then
    command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install -y debootstrap)"
    say "debootstrap bookworm (minbase) + this machine's Node $(node -v)"
    R=$WORK/rootfs
    debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian >>"$LOG" 2>&1
    rm -rf "$R"/var/cache/apt/* "$R"/var/lib/apt/lists/* "$R"/usr/share/doc/* "$R"/usr/share/man/* "$R"/usr/share/locale/*
    NODE_BIN=$(readlink -f "$(command -v node)")
    NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
    mkdir -p "$R/usr/local/bin" "$R/usr/local/lib/node_modules"
    cp "$NODE_BIN" "$R/usr/local/bin/node"
    cp -a "$NPM_DIR" "$R/usr/local/lib/node_modules/npm"
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
    chroot "$R" /usr/sbin/groupadd --gid 1000 node
    chroot "$R" /usr/sbin/useradd --uid 1000 --gid node --shell /bin/bash --create-home node
    tar -C "$R" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >>"$LOG" 2>&1
  fi
  POSTGRES_IMAGE=localhost/lantern-test-postgres:latest
  NGINX_IMAGE=localhost/lantern-test-nginx:latest
  for name in postgres nginx; do
    say "building the $name stand-in (tests/image/$name.Containerfile; cached after the first time)"
    podman build "${ULIMITS[@]}" --build-arg BASE_IMAGE="$BASE_IMAGE" -f "tests/image/$name.Containerfile" -t "localhost/lantern-test-$name:latest" tests/image >>"$LOG" 2>&1
  done
fi

# ── The image ────────────────────────────────────────────────────────────────
BUILD_EXTRA=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  printf 'cafile=/run/host-ca.crt\n' >"$WORK/npmrc"
  BUILD_EXTRA+=(-v "$NODE_EXTRA_CA_CERTS:/run/host-ca.crt:ro" -v "$WORK/npmrc:/root/.npmrc:ro")
fi
if [ "${IMAGE_TEST_REUSE:-}" = 1 ] && podman image exists "$IMAGE"; then
  say "IMAGE_TEST_REUSE=1: using the $IMAGE built before"
else
  say "building $IMAGE from Containerfile (FROM $BASE_IMAGE)"
  started=$(date +%s)
  # --format docker keeps HEALTHCHECK (the OCI format has no field for it).
  podman build --format docker "${ULIMITS[@]}" "${BUILD_EXTRA[@]}" --build-arg BASE_IMAGE="$BASE_IMAGE" -f Containerfile -t "$IMAGE" . >>"$LOG" 2>&1 ||
    fail "podman build (tail of $LOG below)$(echo; tail -30 "$LOG")"
  say "built in $(($(date +%s) - started)) s"
fi
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$BASE_IMAGE")
say "image: $((size / 1000000)) MB ($((base_size / 1000000)) MB of it the base image)"

# ── Compose, through podman's Docker-compatible API ─────────────────────────
SOCKET=$WORK/podman.sock
podman system service --time=0 "unix://$SOCKET" >>"$LOG" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 50); do [ -S "$SOCKET" ] && break; sleep 0.2; done
export DOCKER_HOST="unix://$SOCKET"
mkdir -p "$WORK/project/deploy/compose"
cp compose.yaml "$WORK/project/"
cp deploy/compose/nginx.conf "$WORK/project/deploy/compose/"
{
  cat .env.example
  echo "AUTH_SECRET=$(head -c 32 /dev/urandom | base64)"
  echo "POSTGRES_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  echo "LANTERN_TEST_MODE=demo"
  echo "ORG_NAME=\"$ORG_NAME\""
  echo "APP_URL=$APP_URL"
  echo "LANTERN_HTTP_PORT=$HTTP_PORT"
  echo "LANTERN_IMAGE=$IMAGE"
  echo "LANTERN_BASE_IMAGE=$BASE_IMAGE"
  echo "POSTGRES_IMAGE=$POSTGRES_IMAGE"
  echo "NGINX_IMAGE=$NGINX_IMAGE"
} >"$WORK/project/.env"

# What podman would do with systemd: run each container's HEALTHCHECK every few seconds.
(
  while sleep 3; do
    for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
      podman healthcheck run "$id" >/dev/null 2>&1 || true
    done
  done
) &
HEALTH_PID=$!

say "docker-compose up -d ($("$COMPOSE" version --short))"
started=$(date +%s)
(cd "$WORK/project" && "$COMPOSE" -p "$PROJECT" up -d) >>"$LOG" 2>&1 || fail "compose up (tail of $LOG below)$(echo; tail -40 "$LOG")"
for _ in $(seq 1 120); do
  curl -sf -H "Host: lantern.localhost:$HTTP_PORT" "http://127.0.0.1:$HTTP_PORT/api/ready" >/dev/null && break
  sleep 1
done
curl -sf -H "Host: lantern.localhost:$HTTP_PORT" "http://127.0.0.1:$HTTP_PORT/api/ready" >>"$LOG" ||
  fail "the set did not become ready through nginx$(echo; cd "$WORK/project" && "$COMPOSE" -p "$PROJECT" ps; "$COMPOSE" -p "$PROJECT" logs --tail=30)"
say "up and ready through nginx in $(($(date +%s) - started)) s"

container() { podman ps -q --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1"; }
APP1=$(container app-1)
WORKER=$(container worker)
[ "$(podman exec "$APP1" id -u)" = 1000 ] || fail "app-1 runs as uid $(podman exec "$APP1" id -u), not 1000"
podman exec "$APP1" node -e "require('sharp')({create:{width:4,height:4,channels:3,background:'red'}}).webp().toBuffer().then(b=>console.log('sharp webp', b.length, 'bytes'))" | tee -a "$LOG"
podman healthcheck run "$APP1" >>"$LOG" 2>&1 || fail "app-1's HEALTHCHECK fails"
podman logs "$WORKER" 2>&1 | grep -q "delivery worker on postgres" || fail "the worker container did not start its worker$(echo; podman logs "$WORKER" 2>&1 | tail -20)"
say "app-1 runs as uid 1000, sharp works, HEALTHCHECK passes; the worker container runs"

MAILBOX=$(podman volume inspect --format '{{.Mountpoint}}' "${PROJECT}_lantern-data")/mailbox
IMAGE_TEST_URL=$APP_URL IMAGE_TEST_MAILBOX=$MAILBOX IMAGE_TEST_ORG_NAME=$ORG_NAME \
  npx playwright test -c tests/image/playwright.image.config.ts || fail "the gift through the compose set"
say "passed: image $((size / 1000000)) MB"
