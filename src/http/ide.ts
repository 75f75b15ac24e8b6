/**
 * Offline GraphQL IDE: Altair's static build served from node_modules (no CDN), configured for
 * this server's endpoint and graphql-ws subscriptions, with example operations preloaded as tabs.
 * Apollo's default landing page (which loads from a CDN) is disabled in server.ts.
 */
import express, { type Router } from 'express';
import { getDistDirectory, renderAltair } from 'altair-static';
import { EXAMPLE_OPERATIONS } from './ide-examples.js';

export function ideRouter(opts: { mountPath: string; graphqlPath: string }): Router {
  const router = express.Router();
  const base = opts.mountPath.endsWith('/') ? opts.mountPath : `${opts.mountPath}/`;
  router.get(['/', ''], (req, res) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, base);
    const host = req.get('host') ?? 'localhost';
    const wsProto = req.protocol === 'https' ? 'wss' : 'ws';
    const endpointURL = `${req.protocol}://${host}${opts.graphqlPath}`;
    const subscriptionsEndpoint = `${wsProto}://${host}${opts.graphqlPath}`;
    const html = renderAltair({
      baseURL: base,
      endpointURL,
      subscriptionsEndpoint,
      initialSubscriptionRequestHandlerId: 'graphql-ws',
      initialName: 'NASCAR DFS API',
      disableAccount: true,
      initialWindows: EXAMPLE_OPERATIONS.map((op) => ({
        initialName: op.name,
        endpointURL,
        subscriptionsEndpoint,
        initialSubscriptionRequestHandlerId: 'graphql-ws' as const,
        initialQuery: op.query,
        initialVariables: JSON.stringify(op.variables ?? {}, null, 2),
      })),
    });
    res.type('html').send(html);
  });
  router.use(express.static(getDistDirectory(), { index: false, maxAge: '1h' }));
  return router;
}
