import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'generate-'));
const run = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/generate.ts', ...args], { encoding: 'utf8' });

describe('npm run generate', () => {
  it('writes classic rows in the original JSON format, identical for the same seed', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect(run('--samples', '500', '--days', '180', '--seed', '42', '--out', a).status).toBe(0);
    expect(run('--samples', '500', '--days', '180', '--seed', '42', '--out', b).status).toBe(0);
    const rows = JSON.parse(readFileSync(a, 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(500);
    expect(rows.filter((r) => r.home_type === 'single_family_house')).toHaveLength(175);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('writes temporal samples as CSV and a classic snapshot as JSON', () => {
    const csv = join(dir, 't.csv');
    expect(run('--mode', 'temporal', '--homes', '4', '--days', '20', '--window-days', '5', '--out', csv).status).toBe(
      0,
    );
    const header = readFileSync(csv, 'utf8').split('\r\n')[0] ?? '';
    expect(header).toMatch(/^device_id,home_index,home_type,device_type,truth_failure_scenario,time,/);
    // The ground truth is named as such; no column is called plain failure_scenario any more.
    expect(header.split(',')).not.toContain('failure_scenario');
    const json = join(dir, 't.json');
    expect(run('--mode', 'temporal', '--homes', '4', '--days', '20', '--window-days', '5', '--out', json).status).toBe(
      0,
    );
    const samples = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>[];
    expect(Object.keys(samples[0] ?? {})).toEqual(header.split(','));
    const snap = join(dir, 's.json');
    expect(
      run('--mode', 'temporal', '--homes', '4', '--days', '20', '--format', 'snapshot', '--out', snap).status,
    ).toBe(0);
    expect((JSON.parse(readFileSync(snap, 'utf8')) as unknown[]).length).toBeGreaterThan(4);
  });

  it('writes Parquet shards, and validate names a missing shard until every shard has run', () => {
    const out = join(dir, 'pq');
    const args = [
      '--mode',
      'temporal',
      '--homes',
      '6',
      '--days',
      '14',
      '--window-days',
      '5',
      '--format',
      'parquet',
      '--out',
      out,
    ];
    const first = run(...args, '--shards', '2', '--shard', '0');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^Wrote [\d,]+ samples of 3 homes \(shard 0 of 2: homes 0–2\) to .* as \d Parquet files/,
    );
    const early = run('validate', out);
    expect(early.status).toBe(1);
    expect(early.stderr).toContain('shard 1 of 2 is missing: run them with --shards 2 --shard K.');
    expect(run(...args, '--shards', '2', '--shard', '1').status).toBe(0);
    const ok = run('validate', out);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /files in 2 shards, [\d,]+ rows; sizes, SHA-256 and row counts match\. Wrote .*manifest\.json\./,
    );
    expect(run(...args, '--shards', '2').stderr).toContain('give both --shards N and --shard K');
    expect(run('--mode', 'temporal', '--homes', '200000', '--out', join(dir, 'x.csv')).stderr).toContain(
      'more than 100,000 homes need --format parquet',
    );
  });

  it('lists every flag with --help and rejects bad flags and values with a message', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const flag of [
      '--samples',
      '--days',
      '--seed',
      '--out',
      '--mode',
      '--failure-rate',
      '--reference-date',
      '--homes',
      '--horizon-days',
      '--resolution-minutes',
    ])
      expect(help.stdout).toContain(flag);
    expect(help.stdout).toMatch(/truth_failure_scenario +simulator ground truth/);
    const bad = run('--bogus', '1');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Unknown option '--bogus'/);
    const badValue = run('--days', '9999', '--out', join(dir, 'x.json'));
    expect(badValue.status).not.toBe(0);
    expect(badValue.stderr).toMatch(/Days can be at most 730/);
  });
});
