# One image for the Lunas API and worker (the command chooses which). Built by docker-compose.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run console:build --outputStyle=static
ENV NODE_ENV=production SWC_NODE_PROJECT=/app/tsconfig.base.json CONSOLE_DIST=/app/dist/apps/console/browser
CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
