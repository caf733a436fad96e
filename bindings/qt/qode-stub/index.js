// NodeGui's `qode` launcher script asks this package for a qode binary. KOOMPI
// runs on stock Node (bindings/qt/shim provides qode's symbols and run loop),
// so the "qode" binary is Node itself.
module.exports = { qodePath: process.execPath, version: process.version };
