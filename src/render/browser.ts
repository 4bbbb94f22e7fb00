import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { NoBrowserError } from './no-browser.ts';

/** Chromium flags for headless, offline, reproducible rendering (see research §6). */
const FLAGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** The browser binary we would launch: $PUPPETEER_EXECUTABLE_PATH, else Debian's chromium. */
export function browserPath(): string {
  return process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
}

/** A launched browser plus the cleanup of its fresh profile directory. */
export interface BrowserHandle {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh temporary profile (`--no-sandbox` only as root). */
export async function launchBrowser(): Promise<BrowserHandle> {
  const path = browserPath();
  if (!existsSync(path)) throw new NoBrowserError(path);
  const userDataDir = mkdtempSync(join(tmpdir(), 'wirebook-chromium-'));
  const root = process.getuid?.() === 0;
  const browser = await puppeteer.launch({
    executablePath: path,
    headless: true,
    userDataDir,
    args: [...(root ? ['--no-sandbox'] : []), ...FLAGS],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
