#!/usr/bin/env node
// KOOMPI's KRunner runner (no Qt): compiled to dist/ by `npm run setup`.
import '../dist/runner-main.js';
