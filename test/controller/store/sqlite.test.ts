import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openSqliteStore } from '../../../src/controller/store/sqlite.ts';
import { storeConformance } from './conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'rig-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
// A real file, not :memory:, so WAL mode is what runs.
storeConformance('sqlite', () => openSqliteStore(join(dir, `s${n++}.db`)));
