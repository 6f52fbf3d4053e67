// Lints template.yaml with cfn-lint when it is installed; says so plainly when it is not.
import { spawnSync } from 'node:child_process';

const run = spawnSync('cfn-lint', ['template.yaml'], { stdio: 'inherit' });
if (run.error?.code === 'ENOENT') {
  console.log('cfn-lint skipped: not installed (pip install cfn-lint to lint template.yaml here)');
} else if (run.status !== 0) {
  process.exit(run.status ?? 1);
} else {
  console.log('cfn-lint: template.yaml is clean');
}
