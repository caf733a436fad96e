module.exports = { extractDir: '' };
