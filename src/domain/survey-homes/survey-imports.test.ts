import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The survey maker must be an independent home source: no module it reaches, however indirectly, may be
 * one of the template maker's. This walks the static imports (type imports too: sharing a type table is
 * sharing) of every non-test file in this folder, resolving relative paths on disk.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(HERE, '..', '..');
const FORBIDDEN = [
  'template-homes',
  'area-templates',
  'area-plan',
  'flat-area-templates',
  'house-area-templates',
  'household-templates',
  'template-devices',
  'template-device-profiles',
  'area-kinds',
];
/** Outside its folder the maker may reach only the output contract, the home types and the Rng. */
const ALLOWED_OUTSIDE = ['domain/homes/home-schema.ts', 'domain/home-types.ts', 'domain/random.ts'];

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(SPECIFIER), ...text.matchAll(DYNAMIC)].map((m) => m[1] ?? '');
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(dirname(file), s);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
        (p) => existsSync(p) && !p.endsWith('/'),
      );
      if (found === undefined || !/\.tsx?$/.test(found))
        throw new Error(`${relative(SRC, file)}: cannot resolve "${s}"`);
      return found;
    });
}

function reachable(roots: readonly string[]): Map<string, string> {
  // file → the file that first imported it, to print the path of a violation
  const from = new Map<string, string>(roots.map((r) => [r, '']));
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dep of importsOf(next)) {
      if (from.has(dep)) continue;
      from.set(dep, next);
      queue.push(dep);
    }
  }
  return from;
}

function chain(from: Map<string, string>, file: string): string {
  const parts: string[] = [];
  for (let f: string | undefined = file; f !== undefined && f !== ''; f = from.get(f)) parts.unshift(relative(SRC, f));
  return parts.join(' → ');
}

describe('the survey home maker', () => {
  const roots = readdirSync(HERE)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(HERE, f));

  it('has modules to check', () => {
    expect(roots.map((r) => relative(HERE, r))).toContain('survey-homes.ts');
  });

  it('reaches no template module, directly or indirectly', () => {
    const from = reachable(roots);
    const bad = [...from.keys()].filter((f) => FORBIDDEN.some((name) => f.endsWith(`/${name}.ts`)));
    expect(bad.map((f) => chain(from, f))).toEqual([]);
  });

  it('reaches outside its folder only the home schema, the home types and the Rng', () => {
    const from = reachable(roots);
    const outside = [...from.keys()].filter((f) => !f.startsWith(`${HERE}/`)).map((f) => relative(SRC, f));
    expect(outside.sort()).toEqual([...ALLOWED_OUTSIDE].sort());
  });

  it('catches an indirect import (the walker itself works)', () => {
    const from = reachable([resolve(SRC, 'domain/homes/template-homes.ts')]);
    expect([...from.keys()].some((f) => f.endsWith('/area-kinds.ts'))).toBe(true);
  });
});
