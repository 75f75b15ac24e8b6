# syntax=docker/dockerfile:1
# One image for both roles: `api` (default) and `engine` (command: npm run start:engine).
# Multi-stage: dependencies are installed in a build stage; the runtime stage is slim, runs as the
# non-root `node` user and has a healthcheck. TypeScript runs through tsx (a runtime dependency),
# so the image ships sources, not a bundle — stack traces point at real files.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the optional @tensorflow/tfjs-node-gpu's install script would download
# libtensorflow (hundreds of MB) into every CPU image; without it the package stays inert and
# ENGINE_BACKEND=auto runs the CPU reference. (Not --omit=optional: esbuild, under tsx, ships its
# binary as an optional dependency.) GPU images: see docs/backends.md.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node schema ./schema
COPY --chown=node:node src ./src
COPY --chown=node:node engine ./engine
COPY --chown=node:node client ./client
USER node
# 4000: api (GraphQL, /health, /ready, /metrics); 9464: engine actor /metrics + /health (METRICS_PORT).
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
