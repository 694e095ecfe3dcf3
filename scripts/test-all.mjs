#!/usr/bin/env node
// `npm test`: typecheck, lint, format check, unit tests, build, browser tests — every step runs (the e2e step needs a
// build), and the last line counts unit and browser tests together: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const steps = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck (pure domain)', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.domain.json', '--noEmit'] },
  { name: 'typecheck (worker side, no DOM)', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.worker.json', '--noEmit'] },
  {
    name: 'lint',
    cmd: 'npx',
    args: ['oxlint', '-c', '.oxlintrc.json', '--deny-warnings', 'src', 'e2e', 'scripts', 'bench'],
  },
  { name: 'format', cmd: 'npx', args: ['prettier', '--check', '--log-level', 'warn', '.'] },
  {
    name: 'unit tests',
    cmd: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json'],
  },
  { name: 'build', cmd: 'npx', args: ['vite', 'build'] },
  { name: 'browser tests', cmd: 'npx', args: ['playwright', 'test'], needs: 'build' },
];

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });
const results = new Map();
for (const step of steps) {
  if (step.needs && results.get(step.needs) !== 0) {
    console.log(`\n::step ${step.name} skipped (${step.needs} failed)`);
    results.set(step.name, 1);
    continue;
  }
  const t0 = Date.now();
  console.log(`\n::step ${step.name}`);
  const r = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: process.env });
  results.set(step.name, r.status ?? 1);
  console.log(`::step ${step.name} ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}
const unit = readJson('reports/vitest.json');
const e2e = readJson('reports/playwright.json');
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit?.numFailedTests ?? (results.get('unit tests') === 0 ? 0 : 1);
const e2ePassed = (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const e2eFailed = e2e?.stats?.unexpected ?? (results.get('browser tests') === 0 ? 0 : 1);
const skipped = (unit?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const failedChecks = [
  'typecheck',
  'typecheck (pure domain)',
  'typecheck (worker side, no DOM)',
  'lint',
  'format',
  'build',
].filter((s) => results.get(s) !== 0);

console.log('');
console.log(`unit: ${unitPassed} passed, ${unitFailed} failed; browser: ${e2ePassed} passed, ${e2eFailed} failed`);
if (failedChecks.length) console.log(`failed checks (each counted as one failure): ${failedChecks.join(', ')}`);
const passed = unitPassed + e2ePassed;
const failed = unitFailed + e2eFailed + failedChecks.length;
const ranNothing = passed + failed === 0;
if (ranNothing) console.log('no test ran');
const summary = `${passed} passed, ${failed + (ranNothing ? 1 : 0)} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync('reports/summary.txt', `${summary}\n`);
console.log(summary);
process.exit(failed > 0 || ranNothing || [...results.values()].some((c) => c !== 0) ? 1 : 0);
