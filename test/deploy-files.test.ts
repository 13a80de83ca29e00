// The shipped systemd unit runs the app as `npm start` does: the same program and node flags
// (the young generation's size among them, which the bench measured: docs/architecture.md).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const unit = readFileSync(join(root, 'deploy/systemd/jiebang@.service'), 'utf8');

describe('deploy files', () => {
  it('the systemd unit starts the app with npm start\'s command line', () => {
    const execStart = unit.split('\n').find((l) => l.startsWith('ExecStart='));
    expect(execStart?.replace('ExecStart=/usr/bin/node', 'node')).toBe(pkg.scripts.start);
  });
});
