import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDuringSuite } from '../support/local-api';
import { tempDir } from '../support/temp-dirs';
import { ofType, ruleViolations, translated } from './stack-rules';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');

/** README's "Adding a function" section: its YAML (for Resources) and its TypeScript handler. */
function recipe(): { yaml: string; handler: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Adding a function\n'));
  const block = (language: string): string => {
    const found = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)?.[1];
    if (found === undefined) throw new Error(`README's "Adding a function" has no ${language} block`);
    return found;
  };
  return { yaml: block('yaml'), handler: block('ts') };
}

/** A scratch copy of the project (template.yaml, hello-world/) with the recipe applied as it says. */
function projectWithRecipe(): string {
  const dir = tempDir('adding-a-function');
  cpSync(join(ROOT, 'hello-world'), join(dir, 'hello-world'), {
    recursive: true,
    filter: (source) => !source.includes('node_modules'),
  });
  symlinkSync(join(ROOT, 'hello-world', 'node_modules'), join(dir, 'hello-world', 'node_modules'));
  const { yaml, handler } = recipe();
  const template = readFileSync(join(ROOT, 'template.yaml'), 'utf8');
  const outputs = template.indexOf('\nOutputs:');
  if (outputs < 0) throw new Error('template.yaml has no Outputs after Resources');
  writeFileSync(
    join(dir, 'template.yaml'),
    `${template.slice(0, outputs)}\n${yaml}${template.slice(outputs)}`,
  );
  writeFileSync(join(dir, 'hello-world', 'items.ts'), handler);
  return join(dir, 'template.yaml');
}

describe('README\'s "Adding a function", applied to a scratch copy of the project', () => {
  const templatePath = projectWithRecipe();

  it("keeps the project's rules on the stack SAM makes of it: its log group expires, its alarms exist", () => {
    const stack = translated(templatePath);
    if (typeof stack === 'string') {
      // CI installs cfn-lint and with it the translator; elsewhere it may be missing.
      if (process.env.CI !== undefined) throw new Error(stack);
      console.log(`adding-a-function stack check skipped: ${stack}`);
      return;
    }
    expect(ofType(stack, 'AWS::Lambda::Function').map(([id]) => id)).toContain('ItemsFunction');
    expect(ruleViolations(stack)).toEqual([]);
  });

  it('passes cfn-lint', () => {
    const run = spawnSync('cfn-lint', [templatePath], { encoding: 'utf8' });
    const missing = run.error !== undefined && 'code' in run.error && run.error.code === 'ENOENT';
    if (missing && process.env.CI === undefined) {
      console.log('adding-a-function cfn-lint skipped: not installed');
      return;
    }
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: '' });
  });

  describe('served by npm start', () => {
    const api = serveDuringSuite(templatePath);

    it('answers GET /items as the README says, with the CORS origin of the other replies', async () => {
      const response = await fetch(`${api().url}/items`);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.text()).toBe('{"items":[]}');
    });
  });
});
