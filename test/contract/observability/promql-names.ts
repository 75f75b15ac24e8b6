/**
 * Metric names referenced by a PromQL expression (as written in dashboards and alert rules).
 * Not a full PromQL parser: it drops what cannot be a metric name — strings, label matchers,
 * range/offset durations, grouping label lists, Grafana variables, numbers — and keeps the
 * identifiers that are not functions (followed by `(`), aggregation keywords or operators.
 *
 * Example: `histogram_quantile(0.95, sum by (le) (rate(dfs_x_bucket{a="b"}[$__rate_interval])))`
 * → ['dfs_x_bucket'].
 */
const KEYWORDS = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group', 'limitk', 'limit_ratio',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'atan2',
]);

export function metricNamesIn(expr: string): string[] {
  const cleaned = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // string literals
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, ' ') // Grafana variables
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // range and subquery selectors
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\boffset\s+-?[0-9a-z]+/gi, ' ');
  const names = new Set<string>();
  for (const m of cleaned.matchAll(/\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[a-zA-Z]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, ident, call] = m;
    if (!ident || call || KEYWORDS.has(ident.toLowerCase())) continue;
    names.add(ident);
  }
  return [...names].sort();
}
