import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { requestOfCurl } from '../../support/curl-request';
import { PROJECT_TEMPLATE, startApi, type RunningApi } from '../../support/local-api';
import { NON_PROXY_STAGES } from '../../support/stages';
import { tempDir } from '../../support/temp-dirs';

const REST_APIS_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'rest-apis', 'template.yaml');
const CONSOLE_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'console', 'template.yaml');
const WEBSOCKETS_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'websockets', 'template.yaml');

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

const GREETING = '{"greeting":"Good evening, John of Seattle. Happy Thursday!"}';

(runs ? describe : describe.skip)('the local console in a real browser', () => {
  jest.setTimeout(60_000);
  let project: RunningApi | undefined;
  let fixture: RunningApi | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let fixturePage: Page;

  beforeAll(async () => {
    [project, fixture] = await Promise.all([startApi(PROJECT_TEMPLATE), startApi(CONSOLE_TEMPLATE)]);
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
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const api of [project, fixture])
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    page = await context.newPage();
    await page.goto(project.consoleUrl);
    fixturePage = await context.newPage();
    await fixturePage.goto(fixture.consoleUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([project?.close(), fixture?.close()]);
  });

  const projectUrl = (): string => {
    if (project === undefined) throw new Error('the local API did not start');
    return project.url;
  };
  const fixtureUrl = (): string => {
    if (fixture === undefined) throw new Error('the console fixture did not start');
    return fixture.url;
  };
  const clipboard = async (on: Page): Promise<string> => on.evaluate('navigator.clipboard.readText()');
  /** The list's row for a request, the newest first. */
  const row = (on: Page, text: string) => on.locator('#invocations tr', { hasText: text }).first();
  const openRow = async (on: Page, text: string): Promise<void> => {
    await row(on, text).getByRole('button').click();
    await on.locator('#details-summary', { hasText: text }).waitFor();
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
    expect(payload.body).toBe(GREETING);
  });

  describe('try it', () => {
    it('shows status, time, size, headers, and the body pretty or raw', async () => {
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.locator('#try-body').filter({ hasText: 'Good evening, John of Seattle' }).waitFor();
      expect(await page.locator('#try-status').textContent()).toBe('200 OK');
      expect(await page.locator('#try-status').getAttribute('class')).toBe('s2xx');
      expect(await page.locator('#try-time').textContent()).toMatch(/^\d+ ms$/);
      expect(await page.locator('#try-size').textContent()).toBe(`${Buffer.byteLength(GREETING)} B`);
      expect(await page.locator('#try-headers').textContent()).toContain('content-type: application/json');
      expect(await page.locator('#try-body').textContent()).toBe(
        JSON.stringify(JSON.parse(GREETING), null, 2),
      );
      await page.getByLabel('pretty').uncheck();
      expect(await page.locator('#try-body').textContent()).toBe(GREETING);
      await page.getByLabel('pretty').check();
    });

    it('keeps the requests sent in a history that puts one back in the form', async () => {
      const entry = page
        .locator('#try-history li', { hasText: 'POST /helloworld?name=John&city=Seattle' })
        .first();
      await entry.waitFor();
      expect(await entry.textContent()).toMatch(/ 200 \d+ ms, /);
      await page.locator('input[name="path"]').fill('/elsewhere');
      await page.locator('input[name="query"]').fill('');
      await entry.getByRole('button').click();
      expect(await page.locator('input[name="path"]').inputValue()).toBe('/helloworld');
      expect(await page.locator('input[name="query"]').inputValue()).toBe('name=John&city=Seattle');
      // Kept in the browser: still there after a reload.
      await page.reload();
      await page
        .locator('#try-history li', { hasText: 'POST /helloworld?name=John&city=Seattle' })
        .first()
        .waitFor();
    });

    it("copies the form's request as a curl command that sends the same request", async () => {
      await page.getByRole('button', { name: 'Copy as curl' }).first().click();
      await page.locator('#try-curl-said', { hasText: 'Copied' }).waitFor();
      const command = await clipboard(page);
      expect(command).toBe(
        [
          'curl',
          '-X POST',
          `'${projectUrl()}/helloworld?name=John&city=Seattle'`,
          "-H 'day: Thursday'",
          "-H 'content-type: application/json'",
          `--data-raw '{"time":"evening"}'`,
        ].join(' \\\n  '),
      );
      const { url, init } = requestOfCurl(command);
      expect(await (await fetch(url, init)).text()).toBe(GREETING);
    });
  });

  describe('the list', () => {
    it('shows method, path and query, coloured status, time, size and function, newest first and live', async () => {
      await fetch(`${projectUrl()}/helloworld?name=Ada`);
      await fetch(`${projectUrl()}/helloworld`, { method: 'POST', body: '{"time": 5}' });
      await fetch(`${projectUrl()}/nowhere?x=1`);
      const missing = row(page, '/nowhere?x=1');
      await missing.waitFor();
      const cells = async (text: string): Promise<string[]> =>
        row(page, text).locator('td').allTextContents();
      const [, status, method, target, ms, bytes, fn] = await cells('/helloworld?name=Ada');
      expect({ status, method, target, fn, bytes }).toEqual({
        status: '200',
        method: 'GET',
        target: '/helloworld?name=Ada',
        fn: 'HelloWorldFunction',
        bytes: `${Buffer.byteLength('{"greeting":"Good day, Ada of World."}')} B`,
      });
      expect(ms).toMatch(/^\d+$/);
      expect(await row(page, '/helloworld?name=Ada').locator('td.status').getAttribute('class')).toBe(
        'status s2xx',
      );
      const bad = row(page, 'POST');
      expect(await bad.locator('td.status').textContent()).toBe('400');
      expect(await bad.locator('td.status').getAttribute('class')).toBe('status s4xx');
      expect((await cells('/nowhere?x=1')).slice(1, 4)).toEqual(['403', 'GET', '/nowhere?x=1']);
      expect(await page.locator('#invocations tr').first().textContent()).toContain('/nowhere?x=1');
    });

    it('filters by text, status class, function and route, and keeps the list and the filters across a reload', async () => {
      const rows = page.locator('#invocations tr');
      await page.getByLabel('Search the list').fill('name=Ada');
      await expect(rows.allTextContents()).resolves.toEqual([
        expect.stringContaining('/helloworld?name=Ada'),
      ]);
      await page.getByLabel('Search the list').fill('');
      await page.getByLabel('Filter by status').selectOption('4xx');
      const statuses = await page.locator('#invocations td.status').allTextContents();
      expect(statuses.length).toBeGreaterThanOrEqual(2);
      expect(statuses.every((status) => status.startsWith('4'))).toBe(true);
      await page.getByLabel('Filter by status').selectOption('');
      await page.getByLabel('Filter by function').selectOption('HelloWorldFunction');
      const functions = await page.locator('#invocations tr td:nth-child(7)').allTextContents();
      expect(new Set(functions)).toEqual(new Set(['HelloWorldFunction']));
      await page.getByLabel('Filter by function').selectOption('');
      await page.getByLabel('Filter by route').selectOption('GET /nowhere');
      expect(await rows.count()).toBe(1);
      await page.reload();
      await rows.first().waitFor();
      expect(await page.getByLabel('Filter by route').inputValue()).toBe('GET /nowhere');
      expect(await rows.count()).toBe(1);
      await page.getByRole('button', { name: 'Clear' }).click();
      expect(await rows.count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('#filter-count').textContent()).toMatch(/^\d+ shown$/);
    });

    it("copies any row's request as curl, the full URL with its query, method, headers and body", async () => {
      await fetch(`${projectUrl()}/helloworld?name=John&city=Seattle`, {
        method: 'POST',
        headers: { day: 'Thursday', 'x-from': "it's me" },
        body: '{"time":"evening"}',
      });
      await openRow(page, '/helloworld?name=John&city=Seattle');
      await page.locator('#details').getByRole('button', { name: 'Copy as curl' }).click();
      await page.locator('#details-curl-said', { hasText: 'Copied' }).waitFor();
      const command = await clipboard(page);
      expect(command).toContain(`'${projectUrl()}/helloworld?name=John&city=Seattle'`);
      expect(command).toContain("-H 'x-from: it'\\''s me'");
      const { url, init } = requestOfCurl(command);
      expect(init.method).toBe('POST');
      expect(await (await fetch(url, init)).text()).toBe(GREETING);
    });

    it("reads a row's stages as a timeline with times, the invocation's init, duration, billed duration and memory", async () => {
      await openRow(page, '/helloworld?name=Ada');
      const stages = await page.locator('#details-timeline li .step-head strong').allTextContents();
      expect(stages).toEqual(['Front door', 'Route', 'Integrate', 'Method completed']);
      for (const head of await page.locator('#details-timeline li .step-head').allTextContents())
        expect(head).toMatch(/\+\d+\.\d ms\d+\.\d ms$/);
      const integrate = JSON.parse(
        (await page.locator('#details-timeline li', { hasText: 'Integrate' }).locator('pre').textContent()) ??
          '',
      ) as Record<string, unknown>;
      expect(integrate).toMatchObject({
        function: 'HelloWorldFunction',
        memorySizeMb: 256,
        result: 'returned',
      });
      expect(integrate.billedDurationMs).toEqual(expect.any(Number));
      expect(integrate.maxMemoryUsedMb).toEqual(expect.any(Number));
      expect(await page.locator('#details-logs').textContent()).toContain('"level":"INFO"');
      const accessLog = JSON.parse((await page.locator('#details-access-log').textContent()) ?? '') as Record<
        string,
        string
      >;
      expect(accessLog).toMatchObject({ httpMethod: 'GET', resourcePath: '/helloworld', status: '200' });
      expect(await page.locator('#details-access-log-note').textContent()).toBe(
        'Written "-" here, not known locally: $context.integration.status, $context.integration.error.',
      );
      const event = JSON.parse((await page.locator('#details-event').textContent()) ?? '') as {
        queryStringParameters: Record<string, string>;
      };
      expect(event.queryStringParameters).toEqual({ name: 'Ada' });
    });
  });

  describe('what went wrong, and who was involved', () => {
    it("shows a failed invocation's error type, message and source-mapped stack as lines, with its log lines", async () => {
      await fetch(`${fixtureUrl()}/fail`);
      const failed = row(fixturePage, '/fail');
      await failed.waitFor();
      expect(await failed.getAttribute('class')).toBe('failed');
      expect(await failed.locator('td.status').getAttribute('class')).toBe('status s5xx');
      expect(await failed.locator('.badge').allTextContents()).toEqual(['TypeError']);
      await openRow(fixturePage, '/fail');
      expect(await fixturePage.locator('#details-error-type').textContent()).toBe('TypeError');
      expect(await fixturePage.locator('#details-error-message').textContent()).toBe('no name to greet');
      const stack = await fixturePage.locator('#details-error-stack li').allTextContents();
      expect(stack[0]).toBe('TypeError: no name to greet');
      expect(stack[1]).toMatch(/^at greetingFor \(.*fail\.ts:3:\d+\)$/);
      expect(await fixturePage.locator('#details-logs').textContent()).toContain('about to fail');
    });

    it('marks an authorizer, a cached answer and a mapping template on their rows, and times their stages', async () => {
      for (let index = 0; index < 2; index++)
        await fetch(`${fixtureUrl()}/guarded/guarded`, { headers: { Authorization: 'allow' } });
      await fetch(`${fixtureUrl()}/mock/mocked`);
      await row(fixturePage, '/mock/mocked').waitFor();
      const guarded = fixturePage.locator('#invocations tr', { hasText: '/guarded/guarded' });
      expect(await guarded.nth(0).locator('.badge').allTextContents()).toEqual(['auth', 'cache']);
      expect(await guarded.nth(1).locator('.badge').allTextContents()).toEqual(['auth']);
      expect(await row(fixturePage, '/mock/mocked').locator('.badge').allTextContents()).toEqual(['mapping']);
      await openRow(fixturePage, '/guarded/guarded');
      expect(await fixturePage.locator('#details-timeline .step-head strong').allTextContents()).toEqual([
        'Front door',
        'Route',
        'Authorize',
        'Integrate',
        'Method completed',
      ]);
      expect(await fixturePage.locator('#details-decision').textContent()).toContain('from the cache');
      expect(
        await fixturePage
          .locator('#details-timeline li', { hasText: 'Authorize' })
          .locator('pre')
          .textContent(),
      ).toMatch(/^TokenAuth .*, from the cache: /);
      await openRow(fixturePage, '/mock/mocked');
      expect(await fixturePage.locator('#details-timeline .step-head strong').allTextContents()).toEqual(
        NON_PROXY_STAGES,
      );
      await fixturePage.getByLabel('Filter by status').selectOption('failed');
      expect(await fixturePage.locator('#invocations td:nth-child(4)').allTextContents()).toEqual(['/fail']);
      await fixturePage.getByRole('button', { name: 'Clear' }).click();
    });
  });

  describe('any WebSocket API', () => {
    it('connects to the API and stage chosen, sends raw or JSON frames, and shows frames, times, connection id and close code', async () => {
      await fixturePage.getByLabel('API and stage').selectOption({ label: 'TwoApi (stage two)' });
      expect(await fixturePage.locator('#ws-url').textContent()).toBe(
        `${fixtureUrl().replace('http', 'ws')}/two`,
      );
      await fixturePage.getByRole('button', { name: 'Connect', exact: true }).click();
      await fixturePage.locator('#ws-state', { hasText: 'Connected' }).waitFor();
      await fixturePage.locator('#ws-connection').filter({ hasText: /\S/ }).waitFor();
      const open = (await (await fetch(`${fixtureUrl()}/_console/api/connections`)).json()) as {
        apiId: string;
        connectionId: string;
      }[];
      expect(open.map(({ apiId }) => apiId)).toEqual(['TwoApi']);
      expect(await fixturePage.locator('#ws-connection').textContent()).toBe(open[0]?.connectionId);

      const message = fixturePage.getByLabel('Message');
      await message.fill('not json');
      await fixturePage.getByRole('button', { name: 'Send', exact: true }).click();
      expect(await fixturePage.locator('#ws-said').textContent()).toMatch(/^Not JSON: /);
      await fixturePage.getByLabel('check it is JSON').uncheck();
      await fixturePage.getByRole('button', { name: 'Send', exact: true }).click();
      await fixturePage.locator('#ws-log li.ws-received', { hasText: 'twoapi got not json' }).waitFor();
      await fixturePage.getByLabel('check it is JSON').check();
      await message.fill('{"action":"anything"}');
      await fixturePage.getByRole('button', { name: 'Send', exact: true }).click();
      await fixturePage
        .locator('#ws-log li.ws-received', { hasText: 'twoapi got {"action":"anything"}' })
        .waitFor();
      const frames = await fixturePage.locator('#ws-log li').allTextContents();
      expect(frames.slice(0, 4)).toEqual([
        expect.stringMatching(/^\d{1,2}:\d{2}:\d{2}.* ↓ received twoapi got \{"action":"anything"\}$/),
        expect.stringMatching(/ ↑ sent \{"action":"anything"\}$/),
        expect.stringMatching(/ ↓ received twoapi got not json$/),
        expect.stringMatching(/ ↑ sent not json$/),
      ]);
      await fixturePage.getByRole('button', { name: 'Disconnect' }).click();
      await fixturePage.locator('#ws-state', { hasText: 'Closed 1000 closed from the console' }).waitFor();
      expect(await fixturePage.locator('#ws-log li').first().textContent()).toMatch(/closed: code 1000/);
    });

    it('sends a query string with $connect, and shows a refused handshake as its close code', async () => {
      const sockets = await startApi(WEBSOCKETS_TEMPLATE);
      const socketsPage = await context.newPage();
      try {
        await socketsPage.goto(sockets.consoleUrl);
        await socketsPage.getByLabel('API and stage').selectOption({ label: 'ChatApi (stage chat)' });
        await socketsPage.getByRole('button', { name: 'Connect', exact: true }).click();
        // Its $connect authorizer refuses a handshake without a token: the browser sees 1006.
        await socketsPage.locator('#ws-state', { hasText: 'Closed 1006' }).waitFor();
        await socketsPage.getByLabel('Query string (sent with $connect)').fill('token=good');
        expect(await socketsPage.locator('#ws-url').textContent()).toBe(
          `${sockets.url.replace('http', 'ws')}/?token=good`,
        );
        await socketsPage.getByRole('button', { name: 'Connect', exact: true }).click();
        await socketsPage.locator('#ws-state', { hasText: 'Connected' }).waitFor();
        await socketsPage.getByLabel('Message').fill('{"action":"echo","text":"hi"}');
        await socketsPage.getByRole('button', { name: 'Send', exact: true }).click();
        await socketsPage.locator('#ws-log li.ws-received', { hasText: 'local: hi' }).waitFor();
      } finally {
        await socketsPage.close();
        await sockets.close();
      }
    });

    it("greets through the project's WebSocket API and its @connections reply", async () => {
      await page.getByLabel('API and stage').selectOption({ label: 'GreetingWebSocketApi (stage Prod)' });
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.locator('#ws-state', { hasText: 'Connected' }).waitFor();
      await page.getByRole('button', { name: 'greet example' }).click();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page
        .locator('#ws-log li.ws-received', { hasText: '{"greeting":"Good day, Ada of Paris."}' })
        .waitFor();
      await row(page, 'greet').waitFor();
      expect(await row(page, 'greet').locator('td').nth(2).textContent()).toBe('WS');
      await openRow(page, 'greet');
      expect(await page.locator('#details-timeline .step-head strong').allTextContents()).toEqual([
        'Integrate',
      ]);
      expect(await page.locator('#details-summary').textContent()).toMatch(/ · connection \S+$/);
    });
  });

  describe('layout', () => {
    it('uses the width at 1280 px: the tools beside the list and its details', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await openRow(page, '/helloworld?name=Ada');
      // The picture in the README: the top of the page, the list beside the forms.
      await page.evaluate("window.scrollTo(0, 0); document.querySelector('.activity').scrollTop = 0");
      await page.screenshot({ path: SCREENSHOT });
      const tools = await page.locator('.tools').boundingBox();
      const activity = await page.locator('.activity').boundingBox();
      expect(tools !== null && activity !== null).toBe(true);
      if (tools === null || activity === null) return;
      expect(activity.x).toBeGreaterThanOrEqual(tools.x + tools.width);
      expect(activity.x + activity.width).toBeGreaterThan(1200);
    });

    it('works at 420 px: no sideways scrolling, each row keeps its status, method and path in view', async () => {
      await page.setViewportSize({ width: 420, height: 900 });
      const overflow: unknown = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      for (const cell of ['td.status', 'td.method', 'td.target']) {
        const box = await page.locator(`#invocations tr:first-child ${cell}`).boundingBox();
        expect(box).not.toBeNull();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(420);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });

  it("tries any route of any API the template serves, and keeps the greeting's example as a preset", async () => {
    const other = await startApi(REST_APIS_TEMPLATE);
    const otherPage = await context.newPage();
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
});
