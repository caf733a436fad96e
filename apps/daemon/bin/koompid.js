#!/usr/bin/env node
// koompid, the KOOMPI system daemon: compiled to dist/ by `npm run setup`.
import '../dist/main.js';
