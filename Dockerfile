# One Dockerfile for every image of the project, one target each:
#   identidock       the web app, for both contexts (the default target). CONTEXT=PROD (the
#                    default) runs the pm2 cluster on 9090 with stats on 9191; CONTEXT=DEV
#                    runs watch mode on 5000 over the app/ sources compose bind-mounts.
#   dnmonster        the renderer service: Node, an esbuild bundle (the service and its
#                    render worker) and piscina, the worker-thread pool it runs on.
#   redis-commander  the Redis web UI, from its npm package pinned by redis-commander/.
#   proxy            the swarm stack's entry point: Debian's haproxy with proxy/haproxy.cfg.
# Stages that run npm take NPM_CONFIG_REGISTRY (empty: npm's default registry).

# ---- every dependency, from the lockfile: re-runs only when package*.json change --------
FROM node:24-bookworm-slim AS deps
ARG NPM_CONFIG_REGISTRY
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- compile the TypeScript, bundle dnmonster -------------------------------------------
FROM deps AS build
ARG NPM_CONFIG_REGISTRY
COPY tsconfig.json ./
COPY app ./app
COPY dnmonster ./dnmonster
COPY lib ./lib
RUN npx tsc -p . && npm run bundle:dnmonster

# ---- redis-commander --------------------------------------------------------------------
FROM node:24-bookworm-slim AS redis-commander
ARG NPM_CONFIG_REGISTRY
ENV NODE_ENV=production
WORKDIR /srv/redis-commander
COPY redis-commander/package.json redis-commander/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY redis-commander/start.cjs redis-commander/basic-auth-proxy.cjs ./
USER node
EXPOSE 8081
# The probe asks redis-commander itself, on loopback behind the basic-auth gate (same process).
HEALTHCHECK --interval=5s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8082/healthcheck').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "start.cjs"]

# ---- the app's production dependencies ---------------------------------------------------
FROM node:24-bookworm-slim AS prod-deps
ARG NPM_CONFIG_REGISTRY
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- dnmonster --------------------------------------------------------------------------
FROM node:24-bookworm-slim AS dnmonster
ENV NODE_ENV=production PORT=8080
WORKDIR /srv/dnmonster
# piscina starts its threads from its own files, so it stays a package beside the bundle.
COPY --from=prod-deps /src/node_modules/piscina ./node_modules/piscina
COPY --from=build /src/dist/dnmonster-bundle/ ./
USER node
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.mjs"]

# ---- identidock -------------------------------------------------------------------------
FROM node:24-bookworm-slim AS identidock
# pm2 keeps its sockets under PM2_HOME: /tmp, so the root filesystem can be read-only.
ENV NODE_ENV=production CONTEXT=PROD PM2_HOME=/tmp/pm2
WORKDIR /app
COPY --from=prod-deps /src/node_modules ./node_modules
COPY package.json tsconfig.json ecosystem.config.cjs boot.sh ./
COPY --from=build /src/dist/app ./dist/app
COPY --from=build /src/dist/dnmonster ./dist/dnmonster
COPY --from=build /src/dist/lib ./dist/lib
# The sources, for CONTEXT=DEV: tsx (a production dependency) runs and watches them, and
# compose bind-mounts ./app over /app/app so an edit is served without a rebuild.
COPY app ./app
COPY dnmonster ./dnmonster
COPY lib ./lib
USER node
EXPOSE 5000 9090 9191
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "dist/app/healthcheck.js"]
CMD ["./boot.sh"]

# ---- proxy (docker-stack.yml) ------------------------------------------------------------
FROM debian:bookworm-slim AS proxy
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy curl \
  && rm -rf /var/lib/apt/lists/*
COPY proxy/haproxy.cfg /etc/haproxy/haproxy.cfg
RUN haproxy -c -f /etc/haproxy/haproxy.cfg
USER haproxy
EXPOSE 9090
# Healthy while haproxy answers (the tasks behind it have their own checks).
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9090/proxy-healthz"]
CMD ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
