process.stderr.write('koompi-write: not built yet\n');
