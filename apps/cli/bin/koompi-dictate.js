#!/usr/bin/env node
// koompi-dictate (Meta+H on the KOOMPI desktop): `koompi voice dictate --type`.
// Listens for one utterance and types it into the window that has the focus.
process.argv.splice(2, 0, 'voice', 'dictate', '--type');
await import('./koompi.js');
