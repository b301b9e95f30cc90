// Runs first in keycard's own npm scripts, on whatever Node the machine has (plain CommonJS, which
// every Node parses): the scripts are TypeScript that Node runs directly (type stripping, unflagged
// from 22.18), and an older Node would otherwise fail with a stack trace about file extensions.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`keycard's scripts need Node.js 22.18 or later; this is Node.js ${process.versions.node}. (The package itself runs on Node.js 22.0 or later.)`);
  process.exit(1);
}
