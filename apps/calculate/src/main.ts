process.stderr.write('koompi-calculate: not built yet\n');
