# syntax=docker/dockerfile:1
# Sluice image: `docker build -t sluice .` then `docker run sluice standalone ...`.

# Node plus the tools node-gyp needs for the zstd-napi native addon.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Build stage: all dependencies, then compile TypeScript into dist/.
# --ignore-scripts skips the root `prepare` script (the sources are not copied
# yet); `npm rebuild` then runs the dependencies' own install scripts.
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild
COPY . .
RUN npm run build

# Production dependencies only, native addons compiled here.
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild && npm cache clean --force

# Runtime: no compilers, no dev dependencies.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
RUN mkdir -p /app/plugins && chown node:node /app /app/plugins
USER node
EXPOSE 8083
ENTRYPOINT ["node", "bin/sluice.js"]
