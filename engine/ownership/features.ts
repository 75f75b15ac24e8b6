/**
 * Model features per slate player, z-scored within the slate. Standardising makes the
 * coefficients scale-free: the same model serves DK ($50k cap, ~45-point projections) and FD
 * ($50k cap, different scoring), and a slate where everyone projects high is not "all chalk".
 */

export interface OwnershipFeatures {
  readonly projection: Float64Array;
  readonly value: Float64Array;
  readonly salary: Float64Array;
  readonly form: Float64Array;
}

/** z-scores over the entries where `present` is set; missing entries get 0 (the slate mean). */
function zScores(x: Float64Array, present?: Uint8Array): Float64Array {
  let m = 0;
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (present && !present[i]) continue;
    m += x[i];
    k++;
  }
  const out = new Float64Array(x.length);
  if (k < 2) return out;
  m /= k;
  let v = 0;
  for (let i = 0; i < x.length; i++) if (!present || present[i]) v += (x[i] - m) ** 2;
  const sd = Math.sqrt(v / k);
  // A constant feature carries no information about who the chalk is.
  if (!(sd > 1e-12)) return out;
  for (let i = 0; i < x.length; i++) if (!present || present[i]) out[i] = (x[i] - m) / sd;
  return out;
}

/**
 * @param mean projected mean fantasy points per player
 * @param salary dollars per player
 * @param form recent form per player (any consistent units, e.g. average points over the last
 *   five races); NaN where unknown
 */
export function buildFeatures(mean: Float64Array, salary: Float64Array, form: Float64Array): OwnershipFeatures {
  const n = mean.length;
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) value[i] = mean[i] / (salary[i] / 1000); // points per $1k
  const hasForm = new Uint8Array(n);
  for (let i = 0; i < n; i++) hasForm[i] = Number.isNaN(form[i]) ? 0 : 1;
  return { projection: zScores(mean), value: zScores(value), salary: zScores(salary), form: zScores(form, hasForm) };
}
