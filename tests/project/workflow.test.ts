import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const workflow = parse(
  readFileSync(join(__dirname, '..', '..', '.github', 'workflows', 'ci.yml'), 'utf8'),
) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.map((step) => step.run ?? '').join('\n');

describe('.github/workflows/ci.yml', () => {
  it('runs on push and pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('sets up Node LTS with npm caching', () => {
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).toEqual({ 'node-version': 'lts/*', cache: 'npm' });
  });

  it('does what .ci/run does: npm ci, the README test command with the browser test required, cfn-lint', () => {
    expect(runs).toMatch(/^npm ci$/m);
    const test = steps.find((step) => step.run === 'npm test');
    expect(test?.env).toEqual({ REQUIRE_BROWSER_TEST: '1' });
    expect(runs).toContain('pip" install cfn-lint');
    expect(runs).toMatch(/^cfn-lint template\.yaml$/m);
    expect(runs).toContain('chromium');
    const ciRun = readFileSync(join(__dirname, '..', '..', '.ci', 'run'), 'utf8');
    for (const command of ['npm cit', 'cfn-lint template.yaml', 'REQUIRE_BROWSER_TEST=1'])
      expect(ciRun).toContain(command);
  });

  it('checks out before it installs', () => {
    const order = steps.map((step) => step.uses ?? step.run ?? '');
    expect(order.findIndex((step) => step.startsWith('actions/checkout@'))).toBeLessThan(
      order.indexOf('npm ci'),
    );
  });
});
