import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rules in .oxlintrc.json must actually refuse what they forbid: each case plants one forbidden
 * import (or global) in a file at a path inside that layer, in a scratch copy of the tree's layout, and
 * expects the linter to fail on it with the rule's message, and to pass the same file without the violation.
 */
const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'lint-boundaries-'));
copyFileSync(join(root, '.oxlintrc.json'), join(scratch, '.oxlintrc.json'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lint(path: string, source: string): { status: number; output: string } {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const oxlint = join(root, 'node_modules', '.bin', 'oxlint');
  const r = spawnSync(oxlint, ['-c', '.oxlintrc.json', '--deny-warnings', path], { cwd: scratch, encoding: 'utf8' });
  rmSync(file);
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

const CASES: { layer: string; path: string; bad: string; good: string; message: RegExp }[] = [
  {
    layer: 'domain → React',
    path: 'src/domain/x.ts',
    bad: "import { useState } from 'react';\nexport const f = useState;\n",
    good: 'export const f = 1;\n',
    message: /src\/domain is pure TypeScript/,
  },
  {
    layer: 'domain → storage',
    path: 'src/domain/x.ts',
    bad: "import { openWorkbenchDb } from '../storage/db';\nexport const f = openWorkbenchDb;\n",
    good: 'export const f = 1;\n',
    message: /must not depend on outer layers/,
  },
  {
    layer: 'domain → Math.random',
    path: 'src/domain/x.ts',
    bad: 'export const f = Math.random();\n',
    good: 'export const f = 1;\n',
    message: /seeded Rng/,
  },
  {
    layer: 'domain → window',
    path: 'src/domain/x.ts',
    bad: 'export const f = window.location;\n',
    good: 'export const f = 1;\n',
    message: /window/,
  },
  {
    layer: 'storage → TF.js',
    path: 'src/storage/x.ts',
    bad: "import * as tf from '@tensorflow/tfjs';\nexport const f = tf;\n",
    good: 'export const f = 1;\n',
    message: /DOM-free and TF\.js-free/,
  },
  {
    layer: 'storage → document',
    path: 'src/storage/x.ts',
    bad: 'export const f = document.title;\n',
    good: 'export const f = 1;\n',
    message: /document/,
  },
  {
    layer: 'storage → workers',
    path: 'src/storage/x.ts',
    bad: "import type { TrainRequest } from '../workers/training.api';\nexport type F = TrainRequest;\n",
    good: 'export const f = 1;\n',
    message: /Storage depends only on the domain/,
  },
  {
    layer: 'storage → ml',
    path: 'src/storage/x.ts',
    bad: "import type { TrainingTable } from '../ml/training-table';\nexport type F = TrainingTable;\n",
    good: 'export const f = 1;\n',
    message: /Storage depends only on the domain/,
  },
  {
    layer: 'ml → React',
    path: 'src/ml/x.ts',
    bad: "import { useState } from 'react';\nexport const f = useState;\n",
    good: 'export const f = 1;\n',
    message: /no UI/,
  },
  {
    layer: 'ml → storage',
    path: 'src/ml/x.ts',
    bad: "import { getDataset } from '../storage/datasets-repo';\nexport const f = getDataset;\n",
    good: 'export const f = 1;\n',
    message: /never reads storage/,
  },
  {
    layer: 'ml → workers',
    path: 'src/ml/x.ts',
    bad: "import type { TrainRequest } from '../workers/training.api';\nexport type F = TrainRequest;\n",
    good: 'export const f = 1;\n',
    message: /src\/ml holds TF\.js code only/,
  },
  {
    layer: 'workers → state',
    path: 'src/workers/x.ts',
    bad: "import { createWorkbenchStore } from '../state/workbench-store';\nexport const f = createWorkbenchStore;\n",
    good: 'export const f = 1;\n',
    message: /must not reach into the UI layers/,
  },
  {
    layer: 'services → comlink',
    path: 'src/services/x.ts',
    bad: "import { proxy } from 'comlink';\nexport const f = proxy;\n",
    good: 'export const f = 1;\n',
    message: /Services are plain logic; Comlink stays in src\/workers/,
  },
  {
    layer: 'state → TF.js',
    path: 'src/state/x.ts',
    bad: "import * as tf from '@tensorflow/tfjs';\nexport const f = tf;\n",
    good: 'export const f = 1;\n',
    message: /TF\.js loads only inside workers/,
  },
  {
    layer: 'state → comlink',
    path: 'src/state/x.ts',
    bad: "import { proxy } from 'comlink';\nexport const f = proxy;\n",
    good: 'export const f = 1;\n',
    message: /Comlink stays in the worker layer/,
  },
  {
    layer: 'state → features',
    path: 'src/state/x.ts',
    bad: "import { DatasetsPage } from '../features/datasets/DatasetsPage';\nexport const f = DatasetsPage;\n",
    good: 'export const f = 1;\n',
    message: /State must not depend on components/,
  },
  {
    layer: 'ui → state',
    path: 'src/ui/x.ts',
    bad: "import { createWorkbenchStore } from '../state/workbench-store';\nexport const f = createWorkbenchStore;\n",
    good: 'export const f = 1;\n',
    message: /UI pieces take plain props only/,
  },
  {
    layer: 'features → storage',
    path: 'src/features/homes/x.ts',
    bad: "import { openWorkbenchDb } from '../../storage/db';\nexport const f = openWorkbenchDb;\n",
    good: 'export const f = 1;\n',
    message: /Features go through the store/,
  },
  {
    layer: 'features → services',
    path: 'src/features/training/x.ts',
    bad: "import { createTrainingService } from '../../services/training-service';\nexport const f = createTrainingService;\n",
    good: 'export const f = 1;\n',
    message: /Features go through the store/,
  },
  {
    layer: 'feature → another feature',
    path: 'src/features/homes/x.ts',
    bad: "import { ModelsPage } from '../models/ModelsPage';\nexport const f = ModelsPage;\n",
    good: 'export const f = 1;\n',
    message: /A feature does not import another feature/,
  },
  {
    layer: 'features → comlink',
    path: 'src/features/models/x.ts',
    bad: "import { wrap } from 'comlink';\nexport const f = wrap;\n",
    good: 'export const f = 1;\n',
    message: /Features read state through selectors/,
  },
];

describe('layer boundaries: the linter refuses planted violations', () => {
  for (const c of CASES) {
    it(`${c.layer} is refused`, () => {
      const bad = lint(c.path, c.bad);
      expect(bad.status, bad.output).not.toBe(0);
      expect(bad.output).toMatch(c.message);
      const good = lint(c.path, c.good);
      expect(good.status, good.output).toBe(0);
    });
  }
});
