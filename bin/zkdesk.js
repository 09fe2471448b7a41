#!/usr/bin/env node
// The CLI runs the compiled TypeScript; `npm ci` builds it through the prepare script.
import '../dist/main/cli/main.js';
