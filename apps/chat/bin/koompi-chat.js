#!/usr/bin/env node
// KOOMPI Chat launcher: the app is compiled to dist/ by `npm run setup`.
import '../dist/main.js';
