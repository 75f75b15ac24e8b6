/**
 * A secret given either inline (`NAME`) or as a file path (`NAME_FILE`, e.g. a mounted Docker or
 * Kubernetes secret); the config schema refuses both at once. Read when needed, never logged.
 */
import { readFileSync } from 'node:fs';

/** The secret, or undefined when neither is set; throws naming the variable when it is shorter than `minLength`. */
export function secretSetting(name: string, value: string | undefined, file: string | undefined, minLength: number): string | undefined {
  const secret = value ?? (file ? readFileSync(file, 'utf8').trim() : undefined);
  if (secret !== undefined && secret.length < minLength) throw new Error(`${file && value === undefined ? `${name}_FILE` : name}: the secret must be at least ${minLength} characters`);
  return secret;
}
