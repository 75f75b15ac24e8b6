import { describe, expect, it } from 'vitest';
import { entityKey, nameKey, normaliseStatus } from '../../../src/racing/names/normalise.js';
import { DriverResolver, EMPTY_LOOKUPS } from '../../../src/racing/names/resolve-driver.js';

describe('nameKey', () => {
  it.each([
    ['A.J. Allmendinger', 'AJ Allmendinger'],
    ['Ricky Stenhouse Jr.', 'Ricky Stenhouse Jr'],
    ['Martin Truex, Jr.', 'Martin Truex Jr.'],
    ['Daniel Suárez', 'Daniel Suarez'],
    ['Shane van Gisbergen', 'Shane Van Gisbergen'],
    ["Kevin O'Connell", 'Kevin OConnell'],
    ['  Kyle   Larson ', 'Kyle Larson'],
  ])('folds %s and %s to one key', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
    expect(nameKey(a)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('keeps generational suffixes apart (a father and son are different drivers)', () => {
    expect(nameKey('Dale Earnhardt Jr.')).not.toBe(nameKey('Dale Earnhardt'));
    expect(nameKey('Will Kimmel III')).toBe('will-kimmel-iii');
  });

  it('maps manufacturer nicknames and statuses', () => {
    expect(entityKey('Chevy')).toBe('chevrolet');
    expect(entityKey('Team Penske')).toBe('team-penske');
    expect(normaliseStatus('Running')).toBe('running');
    expect(normaliseStatus(' DVP ')).toBe('DVP');
  });
});

describe('DriverResolver', () => {
  const lookups = {
    aliases: new Map([['Bubba Wallace (23)', 'bubba-wallace']]),
    byNascarId: new Map([[4030, 'kyle-larson']]),
    ids: new Set(['kyle-larson', 'bubba-wallace', 'john-hunter-nemechek', 'aj-allmendinger']),
  };

  it('prefers an exact alias, then the NASCAR id, then the normalised name', () => {
    const r = new DriverResolver(lookups);
    expect(r.resolve('Bubba Wallace (23)')).toMatchObject({ driverId: 'bubba-wallace', method: 'alias' });
    expect(r.resolve('K. Larson', 4030)).toMatchObject({ driverId: 'kyle-larson', method: 'nascar-id' });
    expect(r.resolve('AJ Allmendinger')).toMatchObject({ driverId: 'aj-allmendinger', method: 'normalised' });
    expect(r.resolve('John H. Nemechek')).toMatchObject({ driverId: 'john-hunter-nemechek', method: 'known-alias' });
    expect(r.newDriverIds()).toEqual([]);
  });

  it('creates one new driver for two spellings of an unknown name within one file', () => {
    const r = new DriverResolver(EMPTY_LOOKUPS);
    expect(r.resolve('Connor Zilisch', 5555)).toMatchObject({ driverId: 'connor-zilisch', method: 'new' });
    expect(r.resolve('CONNOR ZILISCH')).toMatchObject({ driverId: 'connor-zilisch', method: 'normalised' });
    expect(r.resolve('C. Zilisch', 5555)).toMatchObject({ driverId: 'connor-zilisch', method: 'nascar-id' });
    expect(r.newDriverIds()).toEqual(['connor-zilisch']);
  });
});
