import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BrowserLaunchError, BrowserNotFoundError } from '../../src/core/errors.ts';
import { checkJapaneseGlyphs, findHeadlessBrowser, launchHeadlessBrowser, type BrowserInstall } from '../../src/report/headless-browser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'chukan-hb-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function theInstall(): BrowserInstall {
  const found = inject('headlessBrowser');
  if ('missing' in found) throw new Error(`these tests need a headless browser: ${found.missing}`);
  return found.install;
}

/** A fresh, empty folder to hand a launch as its temp folder. */
function emptyDir(name: string): string {
  const d = join(work, name);
  rmSync(d, { recursive: true, force: true });
  return mkdtempSync(`${d}-`);
}

describe('headless browser', () => {
  it('launches, renders a PDF of Japanese text, and removes its temp folder on close', async () => {
    const temp = emptyDir('ok');
    const b = await launchHeadlessBrowser({ install: theInstall(), tempDir: temp });
    let during: string[];
    try {
      during = readdirSync(temp);
      const pdf = await b.pdf('<!doctype html><html lang="ja"><body style="font-family:\'Noto Sans JP\',sans-serif"><p>住民基本台帳 個人</p></body></html>', { path: join(work, 'x.pdf') });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(work, 'x.pdf')).equals(pdf)).toBe(true);
      const r = await b.open('<p id="t" style="font-family:\'Noto Sans JP\',sans-serif">住民基本台帳</p><img src="https://example.invalid/x.png">');
      expect(r.attempted).toEqual(['https://example.invalid/x.png']);
      const g = await checkJapaneseGlyphs(r.page, '#t');
      expect(g).toMatchObject({ characters: 6, tofu: [] });
      expect(g.families.length).toBeGreaterThan(0);
      await r.close();
    } finally {
      await b.close();
    }
    expect(during.filter((n) => n.startsWith('chukan-browser-'))).toHaveLength(1);
    expect(readdirSync(temp)).toEqual([]);
    await b.close();
  }, 120_000);

  it('reports tofu: characters no font has are listed', async () => {
    const b = await launchHeadlessBrowser({ install: theInstall(), tempDir: emptyDir('tofu') });
    try {
      // U+0378..U+037F are unassigned: every font draws its missing-glyph box for them.
      const r = await b.open('<p id="t">\u0378\u0379\u0380 漢</p>');
      const g = await checkJapaneseGlyphs(r.page, '#t');
      expect(g.tofu).toEqual(['\u0378', '\u0379', '\u0380']);
      expect(g.characters).toBe(4);
    } finally {
      await b.close();
    }
  }, 120_000);

  it('a browser that will not start: BrowserLaunchError, and nothing left in the temp folder', async () => {
    const fake = join(work, 'not-a-browser');
    writeFileSync(fake, '#!/bin/sh\necho "this is not a browser" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    const temp = emptyDir('failed');
    const launch = launchHeadlessBrowser({ install: { ...theInstall(), executablePath: fake, source: 'CHUKAN_CHROMIUM' }, tempDir: temp });
    await expect(launch).rejects.toBeInstanceOf(BrowserLaunchError);
    await expect(launch).rejects.toMatchObject({ code: 'E_BROWSER_LAUNCH_FAILED', message: expect.stringContaining(fake) });
    expect(readdirSync(temp)).toEqual([]);
  }, 120_000);

  it('CHUKAN_CHROMIUM naming something that is not an executable file: BrowserNotFoundError naming it', async () => {
    for (const bad of ['/dev/null', join(work, 'no-such-browser'), work]) {
      const found = findHeadlessBrowser({ env: { ...process.env, CHUKAN_CHROMIUM: bad } });
      await expect(found).rejects.toBeInstanceOf(BrowserNotFoundError);
      await expect(found).rejects.toMatchObject({ code: 'E_BROWSER_NOT_FOUND', message: expect.stringContaining(bad) });
    }
  });

  it('a process that exits without closing its browser still removes the temp folder', () => {
    const temp = emptyDir('exit');
    const script = `
      import { launchHeadlessBrowser } from ${JSON.stringify(join(ROOT, 'src/report/headless-browser.ts'))};
      const b = await launchHeadlessBrowser({ install: JSON.parse(process.env.INSTALL), tempDir: process.env.TEMP_DIR });
      await b.open('<p>x</p>');
      process.exit(0);
    `;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT, env: { ...process.env, INSTALL: JSON.stringify(theInstall()), TEMP_DIR: temp }, encoding: 'utf8', timeout: 120_000,
    });
    expect(res.status, res.stderr).toBe(0);
    expect(existsSync(temp)).toBe(true);
    expect(readdirSync(temp)).toEqual([]);
  }, 150_000);
});
