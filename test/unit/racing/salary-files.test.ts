import { describe, expect, it } from 'vitest';
import { easternToUtc, parseGameInfo } from '../../../src/racing/import/eastern-time.js';
import { IssueLog } from '../../../src/racing/import/issues.js';
import { readDkSalaries, readFdSalaries } from '../../../src/racing/import/salary-files.js';

const DK_HEADER = 'Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame';
const GAME = 'Bass Pro Shops 500 @ Bristol 04/12/2026 03:00PM ET';
const dk = (name: string, id: string, salary: string, extra: { pos?: string; game?: string; nameId?: string } = {}) => `${extra.pos ?? 'D'},${extra.nameId ?? `${name} (${id})`},${name},${id},D,${salary},${extra.game ?? GAME},,41.5`;

describe('Eastern lock times', () => {
  it('converts Eastern wall time to UTC across daylight saving', () => {
    expect(easternToUtc(2026, 4, 12, 15, 0)).toBe('2026-04-12T19:00:00.000Z'); // EDT, UTC-4
    expect(easternToUtc(2026, 2, 15, 14, 30)).toBe('2026-02-15T19:30:00.000Z'); // EST, UTC-5
    expect(easternToUtc(2025, 11, 2, 15, 0)).toBe('2025-11-02T20:00:00.000Z'); // the day DST ends
  });

  it('reads the stamp at the end of a Game Info cell', () => {
    expect(parseGameInfo(GAME)).toEqual({ lockTime: '2026-04-12T19:00:00.000Z', date: '2026-04-12', event: 'Bass Pro Shops 500 @ Bristol' });
    expect(parseGameInfo('Daytona 500 02/15/2026 02:30PM ET')?.lockTime).toBe('2026-02-15T19:30:00.000Z');
    expect(parseGameInfo('12:00AM')).toBeNull();
    expect(parseGameInfo('Bristol 13/45/2026 03:00PM ET')).toBeNull();
  });
});

describe('DraftKings salary CSV', () => {
  it('reads players, the lock time and the event', () => {
    const issues = new IssueLog();
    const f = readDkSalaries([DK_HEADER, dk('Kyle Larson', '40112233', '11500'), dk('Ricky Stenhouse Jr', '40112240', '5500')].join('\r\n'), issues, new IssueLog());
    expect(issues.items()).toEqual([]);
    expect(f).toMatchObject({ site: 'DK', total: 2, lockTime: '2026-04-12T19:00:00.000Z', date: '2026-04-12', event: 'Bass Pro Shops 500 @ Bristol' });
    expect(f.players.map((p) => [p.nameRaw, p.siteId, p.salary, p.avgPoints])).toEqual([
      ['Kyle Larson', '40112233', 11500, 41.5],
      ['Ricky Stenhouse Jr', '40112240', 5500, 41.5],
    ]);
  });

  it('rejects rows of another sport, a mismatched Name + ID, bad salaries and duplicates, by line and column', () => {
    const issues = new IssueLog();
    const f = readDkSalaries(
      [
        DK_HEADER,
        dk('Kyle Larson', '1', '11500'),
        dk('Josh Allen', '2', '8000', { pos: 'QB' }), // line 3
        dk('Denny Hamlin', '3', '11000', { nameId: 'Denny Hamlin (999)' }), // line 4
        dk('Chase Elliott', '4', '$lots'), // line 5
        dk('Kyle Larson', '5', '9000'), // line 6: same driver again
        dk('Ryan Blaney', '1', '9000'), // line 7: same id again
        dk('Joey Logano', 'x9', '9000'), // line 8
        dk('Bubba Wallace', '8', '7000', { game: 'TBD' }), // line 9
      ].join('\n'),
      issues,
      new IssueLog(),
    );
    expect(issues.items().map((i) => [i.line, i.column])).toEqual([
      [3, 'Position'],
      [4, 'Name + ID'],
      [5, 'Salary'],
      [6, 'Name'],
      [7, 'ID'],
      [8, 'ID'],
      [9, 'Game Info'],
    ]);
    expect(f.players.map((p) => p.line)).toEqual([2]);
  });

  it('names the missing columns of a file that is not a DraftKings export', () => {
    const issues = new IssueLog();
    readDkSalaries('Id,Nickname,Salary\n1,Kyle Larson,14000', issues, new IssueLog());
    expect(issues.items().map((i) => i.column)).toEqual(['Game Info', 'Name', 'Name + ID', 'Position', 'Roster Position']);
  });
});

describe('FanDuel salary CSV', () => {
  const FD = 'Id,Position,First Name,Nickname,Last Name,FPPG,Played,Salary,Game,Team,Opponent,Injury Indicator,Injury Details,Tier,,,Roster Position';
  it('reads the nickname (or first + last name), ids and salaries; ignores spacer columns', () => {
    const issues = new IssueLog();
    const f = readFdSalaries([FD, '120456-88231,D,Kyle,Kyle Larson,Larson,52.1,8,14000,,,,,,,,,D', '120456-88232,D,Denny,,Hamlin,48,8,13500,,,,,,,,,D'].join('\n'), issues);
    expect(issues.items()).toEqual([]);
    expect(f.players.map((p) => [p.nameRaw, p.siteId, p.salary, p.avgPoints])).toEqual([
      ['Kyle Larson', '120456-88231', 14000, 52.1],
      ['Denny Hamlin', '120456-88232', 13500, 48],
    ]);
    expect(f.lockTime).toBeNull();
  });

  it('rejects a file without any name column', () => {
    const issues = new IssueLog();
    readFdSalaries('Id,Salary\n1-2,9000', issues);
    expect(issues.items()).toEqual([{ line: 1, column: 'Nickname', reason: expect.stringMatching(/Nickname/) }]);
  });
});
