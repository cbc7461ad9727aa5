/**
 * The committed JSON Schemas match the zod schemas they come from.
 * After changing the model or the rig.yaml format, regenerate them with:
 *
 *   UPDATE_SCHEMAS=1 node scripts/test.mjs schema-export
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_FILES } from './schema-export.ts';

const root = new URL('../../../', import.meta.url);

for (const { path, render } of SCHEMA_FILES) {
  test(`${path} is up to date`, () => {
    const url = new URL(path, root);
    const fresh = render();
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(url, fresh);
    let committed = '';
    try {
      committed = readFileSync(url, 'utf8');
    } catch {
      assert.fail(`${path} is missing: run UPDATE_SCHEMAS=1 node scripts/test.mjs schema-export`);
    }
    assert.ok(
      committed === fresh,
      `${path} is stale: run UPDATE_SCHEMAS=1 node scripts/test.mjs schema-export`,
    );
  });
}
