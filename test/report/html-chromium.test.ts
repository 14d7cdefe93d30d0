// report.html in REAL headless Chromium (Debian's), opened from file:// with every network request blocked.
// Stand-ins: the results rendered are a fixture (test/helpers/results-fixture.ts); Chromium is real.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../../lib/report/html.ts';
import { ROOT } from '../helpers/run-cli.ts';
import { bigResults, fixtureResults } from '../helpers/results-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM) && process.env.CI) throw new Error('Debian chromium is not installed (.ci/run installs it)');
const d = existsSync(CHROMIUM) ? describe : describe.skip;

d('report.html in headless Chromium', () => {
  let browser: Browser;
  const requests: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(html: string) {
    const dir = mkdtempSync(join(tmpdir(), 'kv-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const started = Date.now();
    await page.goto(`file://${file}`);
    await page.waitForSelector('[data-testid="result-row"]');
    return { page, ctx, errors, ms: Date.now() - started, file };
  }

  it('renders from file:// with no network, counts match results.json, filters and search change the rows', async () => {
    const f = fixtureResults();
    const { page, ctx, errors } = await open(toHtml(f));
    for (const s of ['pass', 'fail', 'warn', 'skip', 'error', 'waived'] as const) {
      expect(await page.textContent(`#c-${s}`), s).toBe(String(f.summary[s]));
    }
    const rows = () => page.locator('[data-testid="result-row"]').count();
    expect(await rows()).toBe(f.results.length);
    // failures first
    expect(await page.locator('[data-testid="result-row"]').first().getAttribute('data-status')).toBe('error');
    await page.selectOption('[data-testid="filter-status"]', 'fail');
    expect(await rows()).toBe(f.summary.fail);
    expect(await page.textContent('#c-fail')).toBe(String(f.summary.fail));
    await page.selectOption('[data-testid="filter-host"]', 'node-0001');
    expect(await rows()).toBe(f.results.filter((r) => r.status === 'fail' && r.host === 'node-0001').length);
    await page.selectOption('[data-testid="filter-status"]', '');
    await page.selectOption('[data-testid="filter-host"]', '');
    await page.fill('[data-testid="search"]', 'fstab');
    expect(await rows()).toBe(1);
    await page.fill('[data-testid="search"]', '');
    await page.selectOption('[data-testid="filter-role"]', 'control-plane');
    expect(await rows()).toBe(f.results.filter((r) => r.host === 'master').length);
    // the hostile evidence line is shown as text, not executed
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    // screenshot for CI artifacts and the README
    await page.selectOption('[data-testid="filter-role"]', '');
    await page
      .locator('details.r')
      .first()
      .evaluate((el) => ((el as HTMLDetailsElement).open = true));
    mkdirSync(join(ROOT, 'reports/screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'reports/screenshots/report.png'), fullPage: false });
    if (process.env.UPDATE_SCREENSHOT) copyFileSync(join(ROOT, 'reports/screenshots/report.png'), join(ROOT, 'docs/report.png'));
    await ctx.close();
  });

  it('stays usable at 200 hosts × 40 requirements (and 500 × 60): size and render time measured', async () => {
    for (const [h, r] of [
      [200, 40],
      [500, 60],
    ] as const) {
      const f = bigResults(h, r);
      const html = toHtml(f);
      const { page, ctx, ms, file } = await open(html);
      const size = statSync(file).size;
      expect(await page.locator('[data-testid="result-row"]').count()).toBeLessThanOrEqual(200); // rendered lazily
      expect(await page.textContent('#c-total')).toBe(String(h * r));
      await page.selectOption('[data-testid="filter-host"]', 'node-0007');
      expect(await page.locator('[data-testid="result-row"]').count()).toBe(r);
      process.stderr.write(`[measure] report.html ${h} hosts × ${r} requirements: ${(size / 1e6).toFixed(2)} MB, rendered in ${ms} ms\n`);
      expect(ms).toBeLessThan(30_000);
      await ctx.close();
    }
  }, 120_000);
});
