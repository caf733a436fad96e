process.stderr.write('koompi-present: not built yet\n');
