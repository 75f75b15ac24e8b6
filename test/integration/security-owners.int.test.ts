/**
 * Wrong-owner refusals for EVERY owner-checked operation, generated from the schema and
 * src/security/policy.ts: Bob asks for Alice's job / key / webhook by id and must get NOT_FOUND
 * (never FORBIDDEN: existence is not revealed), over HTTP and graphql-ws alike; Bob's own lists
 * and streams never contain Alice's ids. A new owner-checked resource kind fails here until it
 * gets a fixture below.
 */
import { getNamedType, isEnumType, isObjectType, isScalarType, isNonNullType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiKeyDocument, RegisterWebhookDocument, SubmitPingDocument } from '../../client/__generated__/operations.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { OPERATION_POLICIES, type OwnedResource, type RootType } from '../../src/security/policy.js';
import { operationFor, rootFields } from '../contract/security/generate-operations.js';
import { gql } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { bearer, code, post, wsRun } from './security-support.js';

let stack: Stack;
let schema: GraphQLSchema;
let alice: string;
let bob: string;
const owned: Partial<Record<OwnedResource, string>> = {};

/** How to make one resource of each owner-checked kind, as Alice. */
const FIXTURES: Record<OwnedResource, () => Promise<string>> = {
  Job: async () => (await gql(stack.url, SubmitPingDocument, { input: { samples: 1000 } }, bearer(alice))).data!.submitPing.id,
  ApiKey: async () => (await gql(stack.url, CreateApiKeyDocument, { name: 'owned', scopes: ['READ'] }, bearer(alice))).data!.createApiKey.apiKey.id,
  Webhook: async () => (await gql(stack.url, RegisterWebhookDocument, { url: 'http://127.0.0.1:9/hook' }, bearer(alice))).data!.registerWebhook.webhook.id,
};

const ownerChecked = () =>
  rootFields(schema).flatMap(({ root, field }) => {
    const p = OPERATION_POLICIES[root][field.name];
    return p?.ownership.by === 'arg' ? [{ root, field, arg: p.ownership.arg, resource: p.ownership.resource }] : [];
  });

beforeAll(async () => {
  stack = await startStack({ actors: 0 });
  schema = await buildSchema({ version: 't', startedAt: 0 });
  alice = await stack.token(`alice-${stack.prefix}`);
  bob = await stack.token(`bob-${stack.prefix}`);
  for (const resource of new Set(ownerChecked().map((o) => o.resource))) {
    owned[resource] = await FIXTURES[resource](); // a new OwnedResource kind fails to compile until it has a fixture
  }
});
afterAll(async () => {
  await stack?.stop();
});

async function call(token: string, root: RootType, field: GraphQLField<unknown, unknown>, overrides: Record<string, unknown>, selection?: string) {
  const op = operationFor(root, field, overrides);
  const query = selection ? op.query.replace(/ \{ __typename \} \}$/, ` ${selection} }`) : op.query;
  if (root === 'Subscription') {
    const r = await wsRun(stack.wsUrl, { authorization: `Bearer ${token}` }, query, op.variables, { stopAfter: 1 });
    const errors = r.results[0]?.errors ?? (Array.isArray(r.error) ? (r.error as { extensions?: Record<string, unknown> }[]) : undefined);
    return { code: errors?.[0]?.extensions?.code, json: JSON.stringify(r.results) };
  }
  const r = await post(stack.url, query, op.variables, bearer(token));
  return { code: code(r), json: JSON.stringify(r.body) };
}

describe('another owner’s id → NOT_FOUND, for every owner-checked operation', () => {
  it('covers every resource kind the policies name', () => {
    expect(ownerChecked().length).toBeGreaterThanOrEqual(5);
    for (const o of ownerChecked()) expect(owned[o.resource], o.resource).toBeTruthy();
  });

  it('Bob is refused with NOT_FOUND (HTTP and WebSocket)', async () => {
    for (const { root, field, arg, resource } of ownerChecked()) {
      const r = await call(bob, root, field, { [arg]: owned[resource] });
      expect(r.code, `${root}.${field.name} as another user`).toBe('NOT_FOUND');
    }
  });

  it('the same ids are real: Alice is not told NOT_FOUND (so the refusals above are owner checks)', async () => {
    for (const { root, field, arg, resource } of ownerChecked()) {
      if (root === 'Mutation') continue; // mutating Alice's resources is not needed to prove they exist
      const r = await call(alice, root, field, { [arg]: owned[resource] });
      // e.g. calibration(jobId) of a ping job is BAD_USER_INPUT for its owner, never NOT_FOUND.
      expect(r.code, `${root}.${field.name} as the owner`).not.toBe('NOT_FOUND');
    }
  });

  it('an id that exists nowhere is refused the same way (no enumeration oracle)', async () => {
    for (const { root, field, arg } of ownerChecked()) {
      const r = await call(bob, root, field, { [arg]: 'does-not-exist' });
      expect(r.code, `${root}.${field.name}`).toBe('NOT_FOUND');
    }
  });
});

/** A selection of every argument-free leaf, three levels deep, so ids show up in the response. */
function leaves(type: GraphQLObjectType, depth = 3): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(f.name);
    else if (isObjectType(named) && depth > 1) parts.push(`${f.name} { __typename ${leaves(named, depth - 1)} }`);
  }
  return parts.join(' ');
}

describe('Bob’s own lists and streams never contain Alice’s data', () => {
  it('every viewer-scoped query answers Bob without Alice’s ids, and Alice with them', async () => {
    const ids = Object.values(owned) as string[];
    let aliceSaw = 0;
    for (const { root, field } of rootFields(schema)) {
      if (root !== 'Query' || OPERATION_POLICIES[root][field.name]?.ownership.by !== 'viewer') continue;
      const named = getNamedType(field.type);
      const selection = isObjectType(named) ? `{ __typename ${leaves(named)} }` : undefined;
      const asBob = await call(bob, root, field, {}, selection);
      expect(asBob.code, field.name).toBeUndefined();
      for (const id of ids) expect(asBob.json, `${field.name} leaked ${id}`).not.toContain(id);
      if (field.name === 'viewer') continue;
      const asAlice = await call(alice, root, field, {}, selection);
      if (ids.some((id) => asAlice.json.includes(id))) aliceSaw++;
    }
    expect(aliceSaw).toBeGreaterThanOrEqual(3); // myJobs, myApiKeys, myWebhooks show Alice her own
  });

  it('the myJobs stream delivers Alice’s job events to Alice only', async () => {
    const job = (await gql(stack.url, SubmitPingDocument, { input: { samples: 1000 } }, bearer(alice))).data!.submitPing;
    const query = 'subscription { myJobs { jobId type } }';
    const bobStream = wsRun(stack.wsUrl, { authorization: `Bearer ${bob}` }, query, {}, { stopAfter: 1 });
    const aliceStream = wsRun(stack.wsUrl, { authorization: `Bearer ${alice}` }, query, {}, { stopAfter: 1 });
    await new Promise((r) => setTimeout(r, 500)); // both subscribed
    await post(stack.url, 'mutation($id: ID!) { cancelJob(id: $id) { status } }', { id: job.id }, bearer(alice)); // publishes a `cancelled` event
    const a = await aliceStream;
    expect(JSON.stringify(a.results)).toContain(job.id);
    const b = await Promise.race([bobStream, new Promise<'quiet'>((r) => setTimeout(() => r('quiet'), 1_500))]);
    expect(b === 'quiet' ? 'quiet' : JSON.stringify(b.results)).not.toContain(job.id);
  });
});
