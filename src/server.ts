/**
 * The HTTP + WebSocket server: Express 5, Apollo Server 5 at GRAPHQL_PATH, graphql-ws on the same
 * port and path, /health, /ready and the offline IDE. Lifecycle is a phase union
 * (starting → started → draining → stopped); `stop()` drains HTTP and WS before resolving.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.js';
import { makeFormatError } from './errors.js';
import type { GraphQLContext, Services } from './graphql/context.js';
import { ideRouter } from './http/ide.js';
import { paginationGuardPlugin } from './graphql/pagination-guard.js';
import { readyHandler, type DependencyCheck } from './http/readiness.js';
import { observeWs, type ApiObservability } from './observability/api-observability.js';
import { wsViewer, type SecurityLayer } from './security/index.js';

export type ServerPhase = 'starting' | 'started' | 'draining' | 'stopped';

export interface ApiServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly httpServer: Server;
  phase(): ServerPhase;
  stop(): Promise<void>;
}

export interface ApiServerDeps {
  readonly config: ApiConfig;
  readonly schema: GraphQLSchema;
  readonly services: Services;
  readonly checks: readonly DependencyCheck[];
  readonly log: Logger;
  /** Authentication, permissions (already applied to `schema`), limits, CORS (src/security). */
  readonly security: SecurityLayer;
  /** Metrics, request ids and GET /metrics (src/observability); absent = none. */
  readonly observability?: ApiObservability;
}

export async function startApiServer(deps: ApiServerDeps): Promise<ApiServer> {
  const { config, schema, services, log, security } = deps;
  let phase: ServerPhase = 'starting';
  const app = express();
  app.disable('x-powered-by');
  deps.observability?.mount(app); // request ids + HTTP metrics before every route, GET /metrics
  app.set('trust proxy', config.TRUST_PROXY);
  const httpServer = createServer(app);
  httpServer.requestTimeout = config.REQUEST_TIMEOUT_MS; // whole request received within this (slow-body clients); 0 = off
  const formatError = makeFormatError({ development: config.NODE_ENV === 'development', onInternalError: (err) => log.error({ err }, 'internal GraphQL error') });

  const wsServer = new WebSocketServer({ server: httpServer, path: config.GRAPHQL_PATH, maxPayload: security.ws.maxPayloadBytes, verifyClient: security.ws.verifyClient });
  const wsSecurity = security.ws.hooks(schema, formatError);
  const wsCleanup = useServer<Record<string, unknown>, { requestId: string }>(
    observeWs(deps.observability, {
      schema,
      context: (ctx): GraphQLContext => ({ viewer: wsViewer(ctx.extra), services, log: log.child({ ws: true }), requestId: (ctx.extra as { requestId?: string }).requestId ?? randomUUID(), clientIp: (ctx.extra as { clientIp?: string }).clientIp }),
      onConnect: (ctx) => {
        (ctx.extra as { requestId?: string }).requestId = randomUUID();
        return wsSecurity.onConnect(ctx);
      },
      onSubscribe: wsSecurity.onSubscribe,
      onNext: wsSecurity.onNext as never,
      onError: wsSecurity.onError,
    }),
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: security.http.apollo.introspection,
    validationRules: security.http.apollo.validationRules,
    allowBatchedHttpRequests: security.http.apollo.allowBatchedHttpRequests,
    stopOnTerminationSignals: false, // main.ts owns signals and drains in order
    includeStacktraceInErrorResponses: config.NODE_ENV === 'development',
    formatError,
    plugins: [
      ...security.http.apollo.plugins,
      paginationGuardPlugin<GraphQLContext>(),
      ...(deps.observability ? [deps.observability.apolloPlugin<GraphQLContext>()] : []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose(); // tells WS clients to reconnect (close 1001)
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => void res.json({ status: phase === 'started' ? 'ok' : phase }));
  app.get('/ready', readyHandler(deps.checks, config.READY_TIMEOUT_MS, () => phase !== 'started'));
  if (config.IDE_ENABLED) {
    app.use('/ide', ideRouter({ mountPath: '/ide', graphqlPath: config.GRAPHQL_PATH }));
    // Browsers opening the GraphQL URL itself get the IDE; API clients get GraphQL.
    app.get(config.GRAPHQL_PATH, (req, res, next) => (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query ? res.redirect(302, '/ide/') : next()));
  }
  app.use(
    config.GRAPHQL_PATH,
    ...security.http.before,
    express.json({ limit: security.http.bodyLimitBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ ...(await security.http.viewer(req)), services, log: log.child({ requestId: req.get('x-request-id') ?? randomUUID() }), requestId: req.get('x-request-id') ?? randomUUID() }),
    }),
    security.http.errors,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  phase = 'started';
  const addr = httpServer.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
  const url = `http://${host}:${addr.port}${config.GRAPHQL_PATH}`;
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    httpServer,
    phase: () => phase,
    async stop() {
      if (phase === 'stopped' || phase === 'draining') return;
      phase = 'draining';
      await apollo.stop(); // drains HTTP connections and the WS server (plugin above)
      await new Promise<void>((r) => wsServer.close(() => r()));
      phase = 'stopped';
    },
  };
}
