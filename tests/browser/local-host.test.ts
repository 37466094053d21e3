// `npm start` from a fresh data folder prints the URL within 60 seconds, and the app's UI renders inside the Jira
// issue view, the project settings page and the Confluence page (not a blank frame, not an error).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openIssuePanel } from '../support/browser';

jest.setTimeout(180_000);
const root = resolve(__dirname, '..', '..');
let child: ChildProcess;
let browser: Browser;
let url: string;
let output = '';

beforeAll(async () => {
  const started = Date.now();
  child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'host/cli.ts',
      'start',
      '--reset',
      '--port',
      '0',
      '--data',
      mkdtempSync(join(tmpdir(), 'p2p-start-')),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, P2P_SAVE_TALLY: '1' },
    },
  );
  url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running \([\d.]+ s\): (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  expect(Date.now() - started).toBeLessThan(60_000);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

it('renders the diagnostic panel inside the Jira issue view', async () => {
  const page = await browser.newPage();
  const panel = await openIssuePanel(page, url, 'PAY-1');
  await expect(panel.getByTestId('score').textContent({ timeout: 30_000 })).resolves.toMatch(/\d\/7/);
  await expect(
    panel.getByText('Named owner for the production system', { exact: false }).first().isVisible(),
  ).resolves.toBe(true);
  await expect(page.getByTestId('subtasks').locator('tbody tr').count()).resolves.toBe(8);
});

it('renders the settings page inside Jira project settings', async () => {
  const page = await browser.newPage();
  await page.goto(`${url}/jira/projects/PAY/settings`);
  const settings = page.frameLocator('iframe[data-testid="forge-frame-settings"]');
  await settings.getByTestId('template-table').waitFor({ timeout: 30_000 });
  await expect(settings.getByTestId('setup-steps').textContent()).resolves.toMatch(/AI Pilot/);
});

it('renders the portfolio macro on the Confluence page', async () => {
  const page = await browser.newPage();
  await page.goto(`${url}/confluence`);
  await page.getByRole('link', { name: 'AI pilot portfolio review' }).click();
  const macro = page.frameLocator('iframe[data-testid="forge-frame-macro"]').first();
  await macro.getByTestId('summary').waitFor({ timeout: 30_000 });
  await expect(macro.getByTestId('summary-total').textContent()).resolves.toMatch(/\d+/);
});
