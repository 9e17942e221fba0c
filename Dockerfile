# Build stage: compile TypeScript and build the web UI (web/dist).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled app, the built web UI (served at / from ./web/dist) and
# production dependencies only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
# DATA_DIR (./data) for the embedded database when no DATABASE_URL is given.
RUN mkdir data && chown node:node data
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
