process.stderr.write('koompid: not built yet\n');
