#!/usr/bin/env node
// The koompi command: compiled to dist/ by `npm run setup`.
import '../dist/main.js';
