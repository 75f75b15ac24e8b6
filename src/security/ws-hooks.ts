/**
 * graphql-ws hooks of the security layer, so a WebSocket caller passes the same gates as HTTP:
 *  - onConnect: authenticate `connection_init` params (`authorization: 'Bearer …'` or `apiKey`),
 *    else the upgrade request's headers; a bad credential closes the socket with 4401 and the
 *    reason. No credential = anonymous (each subscription is then refused by the permissions).
 *  - onSubscribe: authenticate AGAIN (an expired token or a revoked key stops new subscriptions
 *    on an open socket), then parse, validate (spec rules + depth + aliases + introspection
 *    policy) and cost-check, exactly like an HTTP request.
 *  - onNext/onError: the one error normaliser (masking, public codes), as Apollo does for HTTP.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Authenticator, Credentials } from '../auth/authenticator.js';
import { ANONYMOUS } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';
import type { Viewer } from '../graphql/context.js';
import { estimateCost } from './query-cost.js';
import { queryLimitError } from './query-limits.js';

/** What the security layer keeps on each socket (graphql-ws `ctx.extra`). */
export interface WsExtra {
  readonly request: IncomingMessage;
  readonly socket: { close(code: number, reason: string): void };
  viewer?: Viewer;
  clientIp?: string;
}

export const WS_CLOSE_UNAUTHORIZED = 4401;
export const WS_CLOSE_TRY_AGAIN = 1013; // identity provider unreachable

export interface WsHookOptions {
  readonly authenticator: Authenticator;
  readonly schema: GraphQLSchema;
  readonly rules: readonly ValidationRule[];
  readonly introspection: boolean;
  readonly maxCost: number;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly clientIp: (req: IncomingMessage) => string | undefined;
}

function credentials(params: Readonly<Record<string, unknown>> | undefined, req: IncomingMessage): Credentials {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const p = params ?? {};
  const header = (name: string) => str(req.headers[name]);
  return {
    authorization: str(p.authorization) ?? str(p.Authorization) ?? header('authorization'),
    apiKey: str(p.apiKey) ?? str(p['x-api-key']) ?? str(p['X-API-Key']) ?? header('x-api-key'),
  };
}

/** Give spec errors the public code Apollo gives them on HTTP (uncoded errors are masked as internal). */
function withCode(e: GraphQLError, code: ErrorCode): GraphQLError {
  if (e.extensions?.code) return e;
  return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: { ...e.extensions, code } });
}

export function wsViewer(extra: unknown): Viewer {
  return (extra as WsExtra).viewer ?? ANONYMOUS;
}

export function createWsHooks(o: WsHookOptions) {
  const rules = [...specifiedRules, ...o.rules, ...(o.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => {
      const f = o.formatError(e.toJSON(), e);
      if (!f.extensions || !('http' in f.extensions)) return f;
      const { http: _http, ...extensions } = f.extensions;
      return { ...f, extensions };
    });
  const authenticate = async (ctx: Context<Record<string, unknown>, unknown>) => {
    const extra = ctx.extra as WsExtra;
    extra.clientIp ??= o.clientIp(extra.request);
    extra.viewer = await o.authenticator.authenticate(credentials(ctx.connectionParams, extra.request), { ip: extra.clientIp, transport: 'ws' });
  };

  return {
    async onConnect(ctx: Context<Record<string, unknown>, unknown>): Promise<boolean> {
      try {
        await authenticate(ctx);
        return true;
      } catch (err) {
        const code = (err as GraphQLError).extensions?.code;
        (ctx.extra as WsExtra).socket.close(code === ErrorCode.UNAVAILABLE ? WS_CLOSE_TRY_AGAIN : WS_CLOSE_UNAUTHORIZED, (err as Error).message.slice(0, 120));
        return false;
      }
    },

    async onSubscribe(ctx: Context<Record<string, unknown>, unknown>, _id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> {
      try {
        await authenticate(ctx);
      } catch (err) {
        return [err instanceof GraphQLError ? err : new GraphQLError('Authentication failed', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
      }
      let document;
      try {
        document = parse(payload.query);
      } catch (err) {
        return [withCode(err as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED)];
      }
      const errors = validate(o.schema, document, rules);
      if (errors.length) return errors.map((e) => withCode(e, ErrorCode.GRAPHQL_VALIDATION_FAILED));
      const cost = estimateCost(o.schema, document, payload.operationName, payload.variables ?? {});
      if (cost > o.maxCost) return [queryLimitError('cost', o.maxCost, cost)];
      return { schema: o.schema, document, operationName: payload.operationName, variableValues: payload.variables };
    },

    onNext(_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: { data?: unknown; errors?: readonly GraphQLError[] }) {
      if (!result.errors?.length) return undefined;
      // A result without `data` is a request error (bad variables), as Apollo reports for HTTP.
      const errors = 'data' in result ? result.errors : result.errors.map((e) => withCode(e, ErrorCode.BAD_USER_INPUT));
      return { ...result, errors: format(errors) };
    },

    onError(_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) {
      return format(errors);
    },
  };
}
