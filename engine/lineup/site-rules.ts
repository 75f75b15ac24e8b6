/**
 * Classic NASCAR roster rules per site. Both sites roster interchangeable "D" (driver) slots,
 * so a lineup is a set of drivers; the slot label matters only for upload CSV headers.
 *
 * Sources (checked for issue "Engine III"):
 * - DraftKings: 6 drivers, $50,000 — pydfs-lineup-optimizer `DraftKingsNascarSettings`
 *   (DraftKingsSettings.budget = 50000, six LineupPosition('D')).
 * - FanDuel: 5 drivers, $50,000 — pydfs-lineup-optimizer `FanDuelNascarSettings`
 *   (budget = 50000, five LineupPosition('D')); FanDuel's 2018 NASCAR launch note: "pick any
 *   five drivers for a day's race and stay within the $50K salary cap".
 */
import type { Site } from '../contract/models.js';

export interface SiteRules {
  readonly rosterSize: number;
  /** Dollars. */
  readonly salaryCap: number;
  /** Header label of every roster slot in upload CSVs. */
  readonly slot: string;
}

export const SITE_RULES: Readonly<Record<Site, SiteRules>> = {
  DK: { rosterSize: 6, salaryCap: 50_000, slot: 'D' },
  FD: { rosterSize: 5, salaryCap: 50_000, slot: 'D' },
};
