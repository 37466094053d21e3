// Prints how many REST requests and responses the local host checked against Atlassian's OpenAPI documents
// during the whole run, and fails the run on any violation. Each test file's host appends its tally to a
// file in the run's tally folder; this reporter sums them after all tests finish.
const fs = require('fs');
const path = require('path');

const TALLY_DIR = path.join(__dirname, '..', '..', '.tmp', 'rest-checks');

class RestCheckReporter {
  onRunStart() {
    fs.rmSync(TALLY_DIR, { recursive: true, force: true });
    fs.mkdirSync(TALLY_DIR, { recursive: true });
  }

  onRunComplete(_contexts, results) {
    let checked = 0;
    const violations = [];
    for (const file of fs.existsSync(TALLY_DIR) ? fs.readdirSync(TALLY_DIR) : []) {
      const tally = JSON.parse(fs.readFileSync(path.join(TALLY_DIR, file), 'utf8'));
      checked += tally.checked;
      violations.push(...tally.violations);
    }
    console.log(`\nOpenAPI checks: ${checked} REST requests and responses checked, ${violations.length} violation(s)`);
    for (const v of violations.slice(0, 20)) console.log(`  - ${v}`);
    if (violations.length > 0) {
      results.success = false;
      results.numFailedTests += 1;
      process.exitCode = 1;
    }
  }
}

module.exports = RestCheckReporter;
