process.stderr.write('koompi-classroom: not built yet\n');
