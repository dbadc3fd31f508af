/**
 * Headless Chromium for rendering chukan's HTML reports (report tests, PDF output): finds a browser,
 * hands it a Japanese font, launches it offline with every request blocked, and cleans up.
 *
 * Where the browser comes from, first found wins:
 *  1. `CHUKAN_CHROMIUM` (or the `executablePath` option): that executable, nothing else;
 *  2. a system Chrome/Chromium/Edge (PATH names on Linux, the usual install folders on macOS and
 *     Windows);
 *  3. the npm package `@sparticuz/chromium` (Linux x64; a brotli-packed headless Chromium with the
 *     NSS libraries it links), unpacked once into the cache folder (`CHUKAN_CACHE_DIR`, else
 *     `$XDG_CACHE_HOME/chukan`, else `~/.cache/chukan`) — atomically, so parallel runs share it.
 * Fonts: the system's fontconfig setup plus the npm package `@expo-google-fonts/noto-sans-jp`
 * when it is installed, through a fontconfig file generated for each launch (`FONTCONFIG_FILE`).
 * Each launch gets a fresh `chukan-browser-*` temp folder (profile + fontconfig file) that is
 * removed on close, on a failed launch, and at process exit.
 *
 * playwright-core and the npm packages are loaded on first use: commands that never render pay
 * nothing for them.
 */
import { accessSync, constants, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { BrowserLaunchError, BrowserNotFoundError } from '../core/errors.ts';

/** Where the browser came from. */
export type BrowserSource = 'CHUKAN_CHROMIUM' | 'system' | 'npm';

/** A browser ready to launch, and the fonts it will be given. */
export interface BrowserInstall {
  executablePath: string;
  source: BrowserSource;
  /** Shared libraries the browser needs from its package (the npm Chromium's NSS), else undefined. */
  libraryPath?: string;
  /** Font folders added to the system's fonts (the npm Japanese font); empty when it is not installed. */
  fontDirs: string[];
}

/** The flags every launch uses: headless, no sandbox (root in CI), nothing that phones home. */
export const BROWSER_FLAGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const NPM_CHROMIUM = '@sparticuz/chromium';
const NPM_FONT = '@expo-google-fonts/noto-sans-jp';
/** The weights the reports use (normal and bold); the package's other seven are not scanned. */
const NPM_FONT_WEIGHTS = ['400Regular', '700Bold'];

const require = createRequire(import.meta.url);

/**
 * Finds a browser (see the module comment for the order) and the npm font. Unpacks the npm
 * Chromium into the cache on first use (~2 s). Throws BrowserNotFoundError naming what is missing.
 */
export async function findHeadlessBrowser(options: { executablePath?: string; env?: NodeJS.ProcessEnv } = {}): Promise<BrowserInstall> {
  const env = options.env ?? process.env;
  const fontDirs = npmFontDirs();
  const explicit = options.executablePath ?? env.CHUKAN_CHROMIUM;
  if (explicit) {
    if (!isExecutableFile(explicit)) throw new BrowserNotFoundError(`CHUKAN_CHROMIUM names ${explicit}, which is not an executable file`);
    return { executablePath: explicit, source: 'CHUKAN_CHROMIUM', fontDirs };
  }
  const system = systemBrowserCandidates(env).find(isExecutableFile);
  if (system) return { executablePath: system, source: 'system', fontDirs };
  const pkg = packageDir(NPM_CHROMIUM);
  if (pkg && process.platform === 'linux' && process.arch === 'x64') {
    const dir = await unpackNpmChromium(pkg, cacheRoot(env));
    return { executablePath: join(dir, 'chromium'), source: 'npm', libraryPath: existsSync(join(dir, 'lib')) ? join(dir, 'lib') : undefined, fontDirs };
  }
  throw new BrowserNotFoundError(
    'no headless browser found: CHUKAN_CHROMIUM is not set, no system Chrome/Chromium/Edge is installed '
    + `(looked for ${systemBrowserCandidates(env).join(', ') || 'none on this platform'}), and `
    + (pkg ? `the npm package ${NPM_CHROMIUM} only runs on Linux x64 (this is ${process.platform} ${process.arch})`
      : `the npm package ${NPM_CHROMIUM} is not installed (npm ci installs it in a checkout; beside an installed chukan: npm install ${NPM_CHROMIUM}@147.0.0)`),
  );
}

export interface LaunchOptions {
  /** From findHeadlessBrowser (found now when absent). */
  install?: BrowserInstall;
  /** Run page scripts (default false: chukan's reports have none). */
  javaScript?: boolean;
  viewport?: { width: number; height: number };
  /** Default 'ja-JP'. */
  locale?: string;
  /** Where the per-launch `chukan-browser-*` folder goes (default the OS temp folder). */
  tempDir?: string;
}

/** An HTML document loaded in its own page. */
export interface OpenedPage {
  page: Page;
  /** Every URL the page tried to fetch; all were blocked. */
  attempted: string[];
  close(): Promise<void>;
}

export interface HeadlessBrowser {
  readonly install: BrowserInstall;
  /** Loads `html` into a new page: offline, every request blocked and recorded. */
  open(html: string): Promise<OpenedPage>;
  /** Renders `html` to PDF (A4 unless said otherwise, backgrounds printed); writes `path` when given. */
  pdf(html: string, options?: { path?: string; format?: string; landscape?: boolean }): Promise<Buffer>;
  /** Closes the browser and removes its temp folder; safe to call twice. */
  close(): Promise<void>;
}

/** Launches the browser (found first unless `install` is given). Throws BrowserLaunchError when it will not start. */
export async function launchHeadlessBrowser(options: LaunchOptions = {}): Promise<HeadlessBrowser> {
  const install = options.install ?? (await findHeadlessBrowser());
  const dir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'chukan-browser-'));
  liveDirs.add(dir);
  const cleanUp = () => { rmSync(dir, { recursive: true, force: true }); liveDirs.delete(dir); };
  let context: BrowserContext;
  try {
    const fontsConf = join(dir, 'fonts.conf');
    writeFontconfig(fontsConf, install.fontDirs, fontconfigCacheDir(dir));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), FONTCONFIG_FILE: fontsConf };
    if (install.libraryPath) env.LD_LIBRARY_PATH = [install.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: install.executablePath,
      headless: true,
      args: [...BROWSER_FLAGS],
      env,
      offline: true,
      javaScriptEnabled: options.javaScript ?? false,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      locale: options.locale ?? 'ja-JP',
    });
  } catch (err) {
    cleanUp();
    const detail = String((err as Error)?.message ?? err).split('\n').find((l) => l.trim()) ?? 'unknown error';
    throw new BrowserLaunchError(install.executablePath, detail.replace(/^browserType\.\w+:\s*/, ''), { cause: err });
  }
  let closed = false;
  const open = async (html: string): Promise<OpenedPage> => {
    const page = await context.newPage();
    const attempted: string[] = [];
    const saw = (url: string) => { if (!attempted.includes(url)) attempted.push(url); };
    // Routing blocks what the page asks for; the request event also sees what routing does not.
    await page.route('**/*', (route) => { saw(route.request().url()); return route.abort(); });
    page.on('request', (r) => saw(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    return { page, attempted, close: () => page.close() };
  };
  return {
    install,
    open,
    async pdf(html, pdfOptions = {}) {
      const r = await open(html);
      try {
        return await r.page.pdf({ path: pdfOptions.path, format: pdfOptions.format ?? 'A4', landscape: pdfOptions.landscape, printBackground: true });
      } finally {
        await r.close();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        cleanUp();
      }
    },
  };
}

/** How the Japanese text of one element rendered. */
export interface GlyphCheck {
  /** The element's computed CSS font. */
  font: string;
  /** The font families the browser drew the element's text with. */
  families: string[];
  /** Distinct non-ASCII characters looked at. */
  characters: number;
  /** Characters drawn as the missing-glyph box (tofu) or not at all. */
  tofu: string[];
}

/**
 * Checks that the non-ASCII characters of the first element matching `selector` are drawn as real
 * glyphs: each is drawn alone on a canvas in the element's font and compared with the drawing of an
 * unassigned code point (U+0378, which no font has, so it is the missing-glyph box). Works with page
 * scripts off (it runs in Playwright's utility world).
 */
export async function checkJapaneseGlyphs(page: Page, selector: string): Promise<GlyphCheck> {
  const el = page.locator(selector).first();
  const drawn = await el.evaluate((node) => {
    const font = getComputedStyle(node).font;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const g = canvas.getContext('2d')!;
    g.font = font.replace(/\d+(\.\d+)?px/, '48px');
    const draw = (ch: string): string => {
      g.clearRect(0, 0, 64, 64);
      g.fillText(ch, 4, 52);
      const alpha = g.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3);
      return alpha.some((a) => a > 0) ? Array.from(alpha).join(',') : '';
    };
    const box = draw('\u0378');
    const chars = [...new Set(Array.from(node.textContent ?? '').filter((c) => c.codePointAt(0)! > 0x7f && c.trim()))];
    return { font, chars: chars.length, tofu: chars.filter((c) => { const d = draw(c); return d === '' || d === box; }) };
  });
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
    return { font: drawn.font, families: [...new Set(fonts.map((f) => f.familyName))], characters: drawn.chars, tofu: drawn.tofu };
  } finally {
    await session.detach();
  }
}

// --- finding things ---------------------------------------------------------------------------

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where system browsers live, in order of preference. */
function systemBrowserCandidates(env: NodeJS.ProcessEnv): string[] {
  if (process.platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']
      .map((p) => join('/Applications', p));
  }
  if (process.platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge'];
  const path = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
  return names.flatMap((n) => path.map((d) => join(d, n)));
}

/** The folder of an installed npm package, or undefined when it is not installed. */
function packageDir(name: string): string | undefined {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === name) return dir;
  }
  return undefined;
}

function npmFontDirs(): string[] {
  const dir = packageDir(NPM_FONT);
  return dir ? NPM_FONT_WEIGHTS.map((w) => join(dir, w)).filter((d) => existsSync(d)) : [];
}

function cacheRoot(env: NodeJS.ProcessEnv): string {
  return env.CHUKAN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'chukan');
}

/**
 * Unpacks the npm Chromium (and the shared libraries it ships for machines without NSS) into
 * `<cache>/chromium-<version>-<arch>/`: into a private staging folder first, renamed into place
 * when complete, so a parallel run either sees the whole folder or unpacks its own and discards it.
 */
async function unpackNpmChromium(pkg: string, cache: string): Promise<string> {
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const final = join(cache, `chromium-${version}-${process.arch}`);
  if (existsSync(join(final, 'chromium'))) return final;
  const bin = join(pkg, 'bin');
  let staging: string | undefined;
  try {
    mkdirSync(cache, { recursive: true });
    staging = mkdtempSync(join(cache, `.unpacking-chromium-${version}-`));
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 }));
    if (existsSync(join(bin, 'al2023.tar.br'))) {
      // The tar reader the package itself uses (its own dependency), not a second one of ours.
      const tar = createRequire(join(pkg, 'package.json'))('tar-fs') as { extract(dir: string): NodeJS.WritableStream };
      await pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), tar.extract(staging));
    }
    try {
      renameSync(staging, final);
      staging = undefined;
    } catch (err) {
      // Another run finished first: use its copy.
      if (!existsSync(join(final, 'chromium'))) throw err;
    }
    return final;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BrowserLaunchError(join(final, 'chromium'), `unpacking ${NPM_CHROMIUM} ${version} into ${cache} failed${code ? ` (${code})` : ''}; set CHUKAN_CACHE_DIR to a writable folder`, { cause: err });
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

// --- fonts ------------------------------------------------------------------------------------

function fontconfigCacheDir(launchDir: string): string {
  // fontconfig's scan of a CJK font takes a while: keep it in chukan's cache when that is writable.
  const dir = join(cacheRoot(process.env), 'fontconfig');
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return join(launchDir, 'fontconfig-cache');
  }
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The system's fontconfig setup (when there is one) plus `fontDirs`. */
function writeFontconfig(path: string, fontDirs: string[], cacheDir: string): void {
  const system = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  const text = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <include ignore_missing="yes">${xml(system)}</include>`,
    ...fontDirs.map((d) => `  <dir>${xml(d)}</dir>`),
    `  <cachedir>${xml(cacheDir)}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  writeFileSync(path, text);
}

// --- cleanup at exit --------------------------------------------------------------------------

/** Temp folders of browsers not yet closed: removed if the process exits first. */
const liveDirs = new Set<string>();
process.once('exit', () => {
  for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
});
