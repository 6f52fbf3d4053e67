import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_TEMPLATE, startApi, type RunningApi } from '../../support/local-api';

const REST_APIS_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'rest-apis', 'template.yaml');
import { tempDir } from '../../support/temp-dirs';

// Debian's Chromium, never a downloaded browser. CI installs it and sets REQUIRE_BROWSER_TEST=1, so
// that a missing browser fails there instead of skipping.
const CHROMIUM = '/usr/bin/chromium';
const runs = existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER_TEST === '1';
if (!runs)
  // Straight to the terminal: jest does not print a skipped file's console output in a full run.
  process.stderr.write(
    `browser test skipped: no ${CHROMIUM} (install it with: sudo apt-get install chromium)\n`,
  );

const SCREENSHOT =
  process.env.UPDATE_SCREENSHOT === '1'
    ? join(__dirname, '..', '..', '..', 'docs', 'console.png')
    : join(tempDir('console'), 'console.png');

(runs ? describe : describe.skip)('the local console in a real browser', () => {
  jest.setTimeout(60_000);
  let api: RunningApi | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    api = await startApi(PROJECT_TEMPLATE);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(api.consoleUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const url = (): string => {
    if (api === undefined) throw new Error('the local API did not start');
    return api.url;
  };

  it('invokes a function with an event file from events/ through the local Invoke API', async () => {
    await page.locator('#invoke-functions').selectOption('HelloWorldFunction');
    await page.locator('#invoke-events').selectOption('tutorial-post.json');
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.locator('#invoke-payload').filter({ hasText: 'greeting' }).waitFor();
    expect(await page.locator('#invoke-status').textContent()).toBe('200');
    const payload = JSON.parse((await page.locator('#invoke-payload').textContent()) ?? '') as {
      statusCode: number;
      body: string;
    };
    expect(payload.statusCode).toBe(200);
    expect(JSON.parse(payload.body)).toEqual({ greeting: 'Good evening, John of Seattle. Happy Thursday!' });
  });

  it('sends the form to the real local API and shows status, headers and body', async () => {
    await page.getByRole('button', { name: 'Send request' }).click();
    await page
      .locator('#try-body')
      .filter({ hasText: 'Good evening, John of Seattle. Happy Thursday!' })
      .waitFor();
    expect(await page.locator('#try-status').textContent()).toBe('200 OK');
    expect(await page.locator('#try-headers').textContent()).toContain('content-type: application/json');
  });

  it("lists the invocation and shows the event's queryStringParameters, the result and the logs", async () => {
    const row = page.locator('#invocations tr', { hasText: 'ANY /helloworld' }).first();
    await row.waitFor();
    await row.getByRole('button').click();
    await page.locator('#details-event').filter({ hasText: '"queryStringParameters"' }).waitFor();
    const event = JSON.parse((await page.locator('#details-event').textContent()) ?? '') as {
      queryStringParameters: Record<string, string>;
      httpMethod: string;
    };
    expect(event.queryStringParameters).toEqual({ name: 'John', city: 'Seattle' });
    expect(event.httpMethod).toBe('POST');
    expect(await page.locator('#details-result').textContent()).toContain('"statusCode": 200');
    expect(await page.locator('#details-logs').textContent()).toContain('"level":"INFO"');
  });

  it('shows a request made outside the page at once, with no reload', async () => {
    const rowsBefore = await page.locator('#invocations tr').count();
    await fetch(`${url()}/helloworld?name=Outside&city=Terminal`);
    await page.locator('#invocations tr').nth(rowsBefore).waitFor();
    await page.locator('#invocations tr').first().getByRole('button').click();
    await page.locator('#details-event').filter({ hasText: '"name": "Outside"' }).waitFor();
  });

  it('connects over WebSocket, sends greet and shows the reply', async () => {
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.locator('#ws-state', { hasText: 'Connected' }).waitFor();
    await page.locator('#ws-form input[name="name"]').fill('Ada');
    await page.locator('#ws-form input[name="city"]').fill('Paris');
    await page.getByRole('button', { name: 'Send greet' }).click();
    await page.locator('#ws-replies li', { hasText: '{"greeting":"Good day, Ada of Paris."}' }).waitFor();
    await page.locator('#invocations tr', { hasText: 'WS greet' }).first().waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it("tries any route of any API the template serves, and keeps the greeting's example as a preset", async () => {
    const other = await startApi(REST_APIS_TEMPLATE);
    const otherPage = await (browser as Browser).newPage({ viewport: { width: 1100, height: 1400 } });
    try {
      await otherPage.goto(other.consoleUrl);
      await otherPage.locator('#routes').selectOption({ label: 'OpenApiApi GET /items/{id}' });
      expect(await otherPage.locator('input[name="path"]').inputValue()).toBe('/v1/items/{id}');
      await otherPage.locator('input[name="path"]').fill('/v1/items/42');
      await otherPage.locator('input[name="query"]').fill('color=blue');
      await otherPage.getByRole('button', { name: 'Send request' }).click();
      await otherPage.locator('#try-body').filter({ hasText: '"pathParameters": {' }).waitFor();
      const body = JSON.parse((await otherPage.locator('#try-body').textContent()) ?? '{}') as Record<
        string,
        unknown
      >;
      expect(body).toMatchObject({
        resource: '/items/{id}',
        pathParameters: { id: '42' },
        apiId: 'openapiapi',
        stage: 'v1',
      });
      await otherPage.getByRole('button', { name: "The greeting's example" }).click();
      expect(await otherPage.locator('input[name="path"]').inputValue()).toBe('/helloworld');
    } finally {
      await otherPage.close();
      await other.close();
    }
  });

  it('reads at a narrow width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 380, height: 900 });
    const overflow: unknown = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
