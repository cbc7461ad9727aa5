#!/usr/bin/env node
// Placeholder entry; the CLI lands with the runner.
process.stdout.write('rig 0.1.0\n');
