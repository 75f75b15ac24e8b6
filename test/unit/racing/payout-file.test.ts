import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../../src/racing/import/issues.js';
import { checkPayoutTable, readPayoutCsv, readPayoutJson } from '../../../src/racing/import/payout-file.js';

function check(text: string, json: boolean, fieldSize = 100, entryFee = 10) {
  const issues = new IssueLog();
  const warnings = new IssueLog();
  const file = json ? readPayoutJson(text, issues) : readPayoutCsv(text, issues);
  const tiers = checkPayoutTable(file, fieldSize, entryFee, issues, warnings, json);
  return { file, tiers, issues: issues.items(), warnings: warnings.items() };
}

describe('payout tables', () => {
  it('reads rank,prize and from_rank,to_rank,prize CSVs to the same tiers', () => {
    const a = check('rank,prize\n1,300\n2,150\n3-10,50', false);
    const b = check('from_rank,to_rank,prize\n1,1,300\n2,2,150\n3,10,50', false);
    expect(a.issues).toEqual([]);
    expect(a.tiers).toEqual([
      { fromRank: 1, toRank: 1, prize: 300 },
      { fromRank: 2, toRank: 2, prize: 150 },
      { fromRank: 3, toRank: 10, prize: 50 },
    ]);
    expect(b.tiers).toEqual(a.tiers);
  });

  it('reads the JSON form with its contest metadata', () => {
    const r = check(JSON.stringify({ name: 'Pit Stop', slateId: 'dk-x', entryFee: 5, fieldSize: 100, maxEntries: 3, payouts: [{ fromRank: 1, prize: 200 }, { fromRank: 2, toRank: 5, prize: 40 }] }), true);
    expect(r.issues).toEqual([]);
    expect(r.file.meta).toMatchObject({ name: 'Pit Stop', slateId: 'dk-x', entryFee: 5, fieldSize: 100, maxEntries: 3 });
    expect(r.tiers).toEqual([
      { fromRank: 1, toRank: 1, prize: 200 },
      { fromRank: 2, toRank: 5, prize: 40 },
    ]);
  });

  it('finds gaps, overlaps, rising prizes and ranks past the field, on their lines', () => {
    const r = check('rank,prize\n1,300\n3,100\n3,90\n5,95\n6-200,1', false);
    expect(r.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'from_rank'],
      [4, 'from_rank'],
      [5, 'from_rank'],
      [5, 'prize'],
      [6, 'to_rank'],
    ]);
    expect(r.issues[0]!.reason).toMatch(/ranks 2-2 are not paid/);
    expect(r.issues[1]!.reason).toMatch(/already paid/);
  });

  it('uses JSON paths for JSON issues and warns about overlays', () => {
    const r = check(JSON.stringify({ payouts: [{ fromRank: 1, prize: 5000 }, { fromRank: 2, prize: 'x' }] }), true, 100, 10);
    expect(r.issues.map((i) => [i.line, i.column])).toEqual([[2, 'payouts[1].prize']]);
    expect(r.warnings[0]!.reason).toMatch(/overlay/);
    expect(check('{"payouts": 3}', true).issues[0]!.column).toBe('payouts');
    expect(check('{not json', true).issues[0]!.reason).toMatch(/not valid JSON/);
  });
});
