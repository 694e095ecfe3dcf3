#!/usr/bin/env node
// `npm run bench`: builds the app, runs the Node and in-browser benchmarks, writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const run = (args) =>
  execFileSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
const only = process.argv.slice(2);
const suites = [
  { name: 'node', file: 'bench/node.bench.ts' },
  { name: 'browser', file: 'bench/browser.bench.ts', build: true },
  { name: 'training', file: 'bench/training.browser.bench.ts', build: true },
  { name: 'homes', file: 'bench/homes.browser.bench.ts', build: true },
  { name: 'classifier', file: 'bench/classifier.browser.bench.ts', build: true },
]
  .filter((s) => existsSync(s.file))
  .map((s) => ({ ...s, args: ['tsx', s.file] }))
  .filter((s) => only.length === 0 || only.includes(s.name));
let built = false;

const results = [];
for (const suite of suites) {
  if (suite.build && !built) {
    execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    built = true;
  }
  console.error(`bench: ${suite.name}…`);
  const out = run(suite.args).trim();
  results.push(...JSON.parse(out.slice(out.indexOf('['))).map((r) => ({ suite: suite.name, ...r })));
}
// Running some suites (npm run bench -- training) keeps the other suites' last results.
if (only.length > 0 && existsSync('bench/results.json')) {
  const previous = JSON.parse(readFileSync('bench/results.json', 'utf8')).results ?? [];
  results.unshift(...previous.filter((r) => r.suite && !only.includes(r.suite)));
}
const doc = {
  generatedAt: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform}`,
  results,
};
writeFileSync('bench/results.json', `${JSON.stringify(doc, null, 2)}\n`);
// Fractions (F1, PR-AUC) need three decimals; times and rates read well with one.
const fmt = (v) => v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) < 10 ? 3 : 1 });
for (const r of results) {
  const flag = r.met === null ? '' : r.met ? '  ok' : '  MISSED';
  console.log(
    `${r.name}: median ${fmt(r.median)} ${r.unit} (min ${fmt(r.min)}, max ${fmt(r.max)}, ${r.runs} runs)${r.target ? ` target ${r.target}` : ''}${flag}`,
  );
}
