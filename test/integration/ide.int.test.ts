/** The in-browser IDE is served by the API itself: the page and every asset it references load locally (no CDN). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ actors: 0 });
});
afterAll(async () => stack?.stop());

describe('offline IDE', () => {
  it('serves Altair from the API with graphql-ws subscriptions configured and all assets local', async () => {
    const res = await fetch(`${stack.base}/ide/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('graphql-ws');
    expect(html).toContain(`${stack.base.replace('http', 'ws')}/graphql`);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
    expect(refs.filter((u) => /^https?:/.test(u))).toEqual([]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const asset = await fetch(new URL(ref, `${stack.base}/ide/`));
      expect(asset.status, ref).toBe(200);
    }
  });

  it('redirects a browser opening the GraphQL URL to the IDE', async () => {
    const res = await fetch(stack.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/ide/');
  });
});
