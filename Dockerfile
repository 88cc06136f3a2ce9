# syntax=docker/dockerfile:1
# The app's production image (the default target, the last stage) and the local Clerk server for docker-compose.yml's
# no-account demo (target `local-clerk`). `docker build -t remix-clerk-hasura .`, then run it with the app's env (.env.example).
ARG NODE_IMAGE=node:24-bookworm-slim

# The manifests npm ci needs: the root and the two workspace packages it lists.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY emulators/clerk/package.json emulators/clerk/package.json
COPY emulators/hasura/package.json emulators/hasura/package.json

# Every dependency of the root, to build the app (no emulator is needed for that).
FROM manifests AS build
RUN npm ci --workspaces=false --no-audit --no-fund
COPY . .
RUN npm run build

# Only what the production server imports.
FROM manifests AS production-deps
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force

# The local Clerk server (emulators/clerk), for a demo without a Clerk account. Not for production.
FROM manifests AS local-clerk
RUN npm ci --omit=dev --workspace=@emulators/clerk --no-audit --no-fund && npm cache clean --force
COPY emulators/clerk ./emulators/clerk
RUN mkdir /data && chown node:node /data
ENV CLERK_EMULATOR_HOST=0.0.0.0 CLERK_EMULATOR_PORT=4000 CLERK_EMULATOR_DATA_DIR=/data
VOLUME /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/.well-known/jwks.json').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node_modules/.bin/tsx", "emulators/clerk/src/main.ts"]

# The default target (last stage): the production server.
FROM ${NODE_IMAGE} AS production
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
# package.json says "type": "module", which the ESM server build needs.
COPY package.json ./
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY server.js ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
