import { graphql } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { MoneyScalar, PercentScalar, SeedScalar } from '../../../src/graphql/auth/scalars.js';

const schema = makeExecutableSchema({
  typeDefs: `scalar Seed scalar Money scalar Percent
    input Opts { seed: Seed, fee: Money, share: Percent }
    type Query { echo(opts: Opts!): String }`,
  resolvers: { Seed: SeedScalar, Money: MoneyScalar, Percent: PercentScalar, Query: { echo: (_: unknown, { opts }: { opts: unknown }) => JSON.stringify(opts) } },
});
const run = (opts: Record<string, unknown>) => graphql({ schema, source: 'query($opts: Opts!) { echo(opts: $opts) }', variableValues: { opts } });

describe('boundary scalars', () => {
  it('accept values in range', async () => {
    const r = await run({ seed: 4294967295, fee: 19.99, share: 100 });
    expect(r.errors).toBeUndefined();
    expect(JSON.parse(r.data!.echo as string)).toEqual({ seed: 4294967295, fee: 19.99, share: 100 });
  });

  it.each([
    [{ seed: -1 }, 'opts.seed', /Seed must be an integer in \[0, 4294967295\]/],
    [{ seed: 1.5 }, 'opts.seed', /Seed/],
    [{ seed: 2 ** 32 }, 'opts.seed', /Seed/],
    [{ fee: -0.01 }, 'opts.fee', /Money must be in/],
    [{ fee: 1.005 }, 'opts.fee', /at most 2 decimal places/],
    [{ share: 100.5 }, 'opts.share', /Percent must be in \[0, 100\]/],
    [{ share: 'ten' }, 'opts.share', /Percent must be a number/],
  ])('refuse %j naming the field path %s', async (opts, path, message) => {
    const r = await run(opts);
    expect(r.errors?.[0]?.message).toContain(`at "${path}"`);
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('check literals too', async () => {
    const r = await graphql({ schema, source: '{ echo(opts: { seed: 99999999999 }) }' });
    expect(r.errors?.[0]?.message).toMatch(/Seed must be an integer/);
    const ok = await graphql({ schema, source: '{ echo(opts: { fee: 10, share: 12.5 }) }' });
    expect(ok.errors).toBeUndefined();
  });

  it('money accepts binary-float noise of a 2-decimal value (0.1 + 0.2)', async () => {
    expect((await run({ fee: 0.1 + 0.2 })).errors).toBeUndefined();
  });
});
