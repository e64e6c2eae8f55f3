import { PATCH_OPS, type PatchOperation } from './listing-types';

/**
 * Structural checks of a `patches` array, written from the PatchOperation definition and the
 * feed schema: shared by patchListingsItem (a 400) and feed validation (a FATAL feed).
 */
export function patchProblems(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) return [`${where}: must be an array of patch operations`];
  if (value.length === 0) return [`${where}: must contain at least 1 patch operation`];
  const problems: string[] = [];
  value.forEach((patch: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return void problems.push(`${at}: must be an object`);
    const p = patch as Record<string, unknown>;
    if (!('op' in p)) problems.push(`${at}.op: is required`);
    else if (!(PATCH_OPS as readonly unknown[]).includes(p.op))
      problems.push(`${at}.op: ${JSON.stringify(p.op)} is not one of ${PATCH_OPS.join(', ')}`);
    if (typeof p.path !== 'string') problems.push(`${at}.path: is required and must be a string`);
    if (p.value !== undefined) {
      const ok = Array.isArray(p.value) && p.value.every((v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v));
      if (!ok) problems.push(`${at}.value: must be an array of objects`);
    }
  });
  return problems;
}

/** Call only after `patchProblems` found nothing. */
export function asPatches(value: unknown): PatchOperation[] {
  return value as PatchOperation[];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
