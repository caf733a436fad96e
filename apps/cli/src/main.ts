process.stdout.write('koompi: not built yet\n');
