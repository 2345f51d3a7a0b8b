#!/usr/bin/env node
// The `pond` CLI. Runs the TypeScript sources through tsx so that no separate build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
