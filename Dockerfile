# One image for every Lunas process (the command chooses): the API (which also serves the console), the Temporal
# worker and the one-shot migration. Built by docker-compose; multi-stage so that each part is built once.

# Dependencies exactly as locked (npm ci), on the Node the README names.
FROM node:20.19.5-bookworm-slim AS deps
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false PUPPETEER_SKIP_DOWNLOAD=true CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Builds: the Angular console and the worker's workflow bundles, plain and traced (webpack once here, not at every
# worker start; a worker with OTEL_* set starts from bundle.traced.js).
FROM deps AS build
COPY . .
RUN npx nx run console:build --outputStyle=static \
 && mkdir -p dist/workflows \
 && SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/worker/src/bundle-workflows.ts dist/workflows/bundle.js

# Runtime: Debian Chromium and fonts for invoice PDFs, the sources (run through @swc-node/register), the builds.
FROM node:20.19.5-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    SWC_NODE_PROJECT=/app/tsconfig.base.json \
    CONSOLE_DIST=/app/dist/apps/console/browser \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflows/bundle.js \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    NX_NO_CLOUD=true NX_DAEMON=false
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root . .
COPY --from=build --chown=root:root /app/dist ./dist
# Code and dependencies stay owned by root and read-only to the process; it runs as the unprivileged `node` user.
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
