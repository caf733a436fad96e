#!/usr/bin/env node
// koompi-ai, the KOOMPI AI service: compiled to dist/ by `npm run setup`.
import '../dist/ai-main.js';
