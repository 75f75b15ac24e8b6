/**
 * Deduplication of lineups. The ranking kernel works on DISTINCT lineups with multiplicities
 * (a 100k field has far fewer distinct lineups), and duplicates must be recognised exactly for
 * the tie rule. A lineup is its ascending player indices; with < 256 players and <= 6 slots the
 * indices pack into one exact double (8 bits each, <= 48 bits), else we fall back to a string.
 */

export class LineupIndex {
  private readonly numeric: boolean;
  private readonly byNumber = new Map<number, number>();
  private readonly byString = new Map<string, number>();
  private lineups: Uint16Array;
  private counts: Uint32Array;
  private size = 0;

  constructor(
    private readonly rosterSize: number,
    players: number,
    initialCapacity = 1024,
  ) {
    this.numeric = players <= 256 && rosterSize <= 6;
    this.lineups = new Uint16Array(initialCapacity * rosterSize);
    this.counts = new Uint32Array(initialCapacity);
  }

  /** Add one entry of `lineup` (ascending indices); returns its distinct id. */
  add(lineup: ArrayLike<number>): number {
    const id = this.lookup(lineup);
    if (id >= 0) {
      this.counts[id]++;
      return id;
    }
    if (this.size === this.counts.length) this.grow();
    const d = this.size++;
    for (let r = 0; r < this.rosterSize; r++) this.lineups[d * this.rosterSize + r] = lineup[r];
    this.counts[d] = 1;
    if (this.numeric) this.byNumber.set(this.numericKey(lineup), d);
    else this.byString.set(Array.prototype.join.call(lineup, ','), d);
    return d;
  }

  /** Add one more entry of an already known distinct lineup (a duplicate). */
  addCopy(id: number): void {
    this.counts[id]++;
  }

  /** Live view of the distinct lineups so far (valid until the next add). */
  lineupsView(): Uint16Array {
    return this.lineups;
  }

  get distinct(): number {
    return this.size;
  }

  /** Trimmed copies of the distinct lineups (D x rosterSize) and their counts. */
  result(): { lineups: Uint16Array; counts: Uint32Array } {
    return { lineups: this.lineups.slice(0, this.size * this.rosterSize), counts: this.counts.slice(0, this.size) };
  }

  private lookup(lineup: ArrayLike<number>): number {
    const id = this.numeric ? this.byNumber.get(this.numericKey(lineup)) : this.byString.get(Array.prototype.join.call(lineup, ','));
    return id ?? -1;
  }

  private numericKey(lineup: ArrayLike<number>): number {
    let key = 0;
    for (let r = 0; r < this.rosterSize; r++) key = key * 256 + lineup[r];
    return key;
  }

  private grow(): void {
    const lineups = new Uint16Array(this.lineups.length * 2);
    lineups.set(this.lineups);
    const counts = new Uint32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.lineups = lineups;
    this.counts = counts;
  }
}
