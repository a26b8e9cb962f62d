// Browser engines other than Chromium, for the tests a reader depends on
// (engines.test.mjs): Firefox ESR driven over WebDriver BiDi by puppeteer-core, and
// WebKitGTK's MiniBrowser driven over classic W3C WebDriver by WebKitWebDriver under
// Xvfb. Both are Debian packages that scripts/setup.sh installs; nothing is downloaded.
//
// One small page API serves both, so that one test body runs on each engine:
//   goto(url), url(), back(), forward(), waitFor(selector), waitForFunction(fn, arg), evaluate(fn, ...args),
//   click(selector), fill(selector, text), press(selector, key), select(selector, value),
//   text(selector), attr(selector, name), count(selector), setInputFile(selector, path),
//   setViewport(width, height), inFrame(selector, body), errors.
//
// WebKit has no client here but a few lines of `fetch`: WebKitWebDriver speaks the W3C
// WebDriver HTTP protocol (JSON over HTTP), and the dozen endpoints the tests need are
// simpler to read than a client library. The established clients are either heavy
// (webdriverio: a test framework and ~100 packages) or, for selenium-webdriver, ship a
// "Selenium Manager" binary whose job is to download drivers and browsers at run time,
// which this project never lets a tool do.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

/** The engines every test of engines.test.mjs runs on (SRE_ENGINES=webkit: only that one). */
export const ENGINES = process.env.SRE_ENGINES?.split(',') ?? ['firefox', 'webkit'];

/** How long a wait for the page may take before the test fails. */
const WAIT_MS = 30_000;
const POLL_MS = 50;
/** How long one WebDriver command may take: a hung page fails the test, naming the command. */
const COMMAND_MS = 60_000;

const FIREFOX_BIN = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER_BIN = process.env.WEBKIT_DRIVER_BIN || '/usr/bin/WebKitWebDriver';

/** Debian's MiniBrowser (package libwebkit2gtk-4.1-0), under the machine's multiarch directory. */
function miniBrowserPath() {
  if (process.env.MINIBROWSER_BIN) return process.env.MINIBROWSER_BIN;
  for (const dir of fs.readdirSync('/usr/lib')) {
    const candidate = path.join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('MiniBrowser not found (Debian package libwebkit2gtk-4.1-0): run `make setup`');
}

function requireFile(file, pkg) {
  if (!fs.existsSync(file)) throw new Error(`${file} not found (Debian package ${pkg}): run \`make setup\``);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Launches `name` ('firefox' or 'webkit'); resolves to { name, version, newPage(), close() }.
 * `close()` always ends the browser and, for WebKit, the driver and its Xvfb.
 */
export function launchEngine(name) {
  if (name === 'firefox') return launchFirefox();
  if (name === 'webkit') return launchWebKit();
  throw new Error(`unknown engine ${name}`);
}

// ------------------------------------------------------------------ Firefox (BiDi)

async function launchFirefox() {
  requireFile(FIREFOX_BIN, 'firefox-esr');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_BIN,
    headless: true,
    // No update checks, telemetry or remote settings: this network has none of them.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
    },
  });
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    async newPage() {
      const page = await browser.newPage();
      const wrapped = new FirefoxPage(page, page.mainFrame());
      page.on('console', (msg) => { if (msg.type() === 'error') wrapped.logged.push(msg.text()); });
      page.on('pageerror', (err) => wrapped.logged.push(String(err)));
      return wrapped;
    },
    close: () => browser.close(),
  };
}

/** The page API over a puppeteer Page (or one of its frames). */
class FirefoxPage {
  constructor(page, frame) {
    this.page = page;
    this.frame = frame;
    /** Console errors and uncaught exceptions of the page, as Firefox reports them. */
    this.logged = [];
  }

  /** The page's console errors and uncaught exceptions so far. */
  async errors() { return this.logged; }

  async goto(url) { await this.page.goto(url, { waitUntil: 'load' }); }

  // (Puppeteer's frame.url() can lag behind a same-document history traversal.)
  url() { return this.frame.evaluate(() => location.href); }

  async back() { await this.page.goBack(); }

  async forward() { await this.page.goForward(); }

  async waitFor(selector) { await this.frame.waitForSelector(selector, { timeout: WAIT_MS }); }

  async waitForFunction(fn, arg) { await this.frame.waitForFunction(fn, { timeout: WAIT_MS, polling: POLL_MS }, arg); }

  evaluate(fn, ...args) { return this.frame.evaluate(fn, ...args); }

  async click(selector) {
    await this.frame.waitForSelector(selector, { visible: true, timeout: WAIT_MS });
    await this.frame.click(selector);
  }

  async fill(selector, text) { await this.frame.locator(selector).setTimeout(WAIT_MS).fill(text); }

  async press(selector, key) {
    await this.frame.focus(selector);
    await this.page.keyboard.press(key);
  }

  async select(selector, value) {
    await this.frame.waitForSelector(selector, { visible: true, timeout: WAIT_MS });
    await this.frame.select(selector, value);
  }

  text(selector) { return this.frame.$eval(selector, (el) => el.textContent); }

  attr(selector, name) { return this.frame.$eval(selector, (el, name) => el.getAttribute(name), name); }

  count(selector) { return this.frame.$$eval(selector, (els) => els.length); }

  async setInputFile(selector, file) {
    const input = await this.frame.waitForSelector(selector, { timeout: WAIT_MS });
    await input.uploadFile(file);
  }

  async setViewport(width, height) { await this.page.setViewport({ width, height }); }

  /** Runs `body(frame)` with the page API inside the iframe matched by `selector`. */
  async inFrame(selector, body) {
    const handle = await this.frame.waitForSelector(selector, { timeout: WAIT_MS });
    const frame = await handle.contentFrame();
    const inner = new FirefoxPage(this.page, frame);
    inner.logged = this.logged;
    return body(inner);
  }
}

// ------------------------------------------------------------ WebKit (WebDriver)

/** A free TCP port on 127.0.0.1 (asked of the system, then released). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The W3C identifier under which WebDriver returns and takes element references. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/**
 * One WebDriver command; throws with the driver's error code and message, or when the
 * driver has not answered in [`COMMAND_MS`].
 */
async function command(base, method, url, body) {
  let response;
  let reply;
  try {
    response = await fetch(`${base}${url}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(COMMAND_MS),
    });
    reply = await response.json();
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
    throw new Error(`WebDriver ${method} ${url}: no answer in ${COMMAND_MS} ms`);
  }
  if (!response.ok) {
    const error = new Error(`WebDriver ${method} ${url}: ${reply.value?.error}: ${reply.value?.message}`);
    error.code = reply.value?.error;
    throw error;
  }
  return reply.value;
}

async function launchWebKit() {
  requireFile(WEBKIT_DRIVER_BIN, 'webkit2gtk-driver');
  requireFile('/usr/bin/xvfb-run', 'xvfb');
  const binary = miniBrowserPath();
  const port = await freePort();
  // MiniBrowser has no headless mode: the driver, and the browser it starts, get a
  // virtual X display of their own. A process group of their own too, so that
  // close() (or this process's exit) ends xvfb-run, Xvfb, the driver and MiniBrowser.
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1600x1200x24', WEBKIT_DRIVER_BIN, `--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  driver.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const killGroup = () => { try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ } };
  process.once('exit', killGroup);
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let start = Date.now(); ; await sleep(100)) {
      if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}: ${stderr}`);
      try {
        if ((await command(base, 'GET', '/status')).ready) break;
      } catch (error) {
        if (Date.now() - start > WAIT_MS) throw new Error(`WebKitWebDriver did not answer on ${base}: ${error.message} ${stderr}`);
      }
    }
    const session = await command(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } },
    });
    const sessionBase = `/session/${session.sessionId}`;
    let pageOpen = false;
    return {
      name: 'webkit',
      version: `${session.capabilities.browserName} ${session.capabilities.browserVersion}`,
      // One session is one window: a new page starts on a blank document in it.
      async newPage() {
        if (pageOpen) await command(base, 'POST', `${sessionBase}/url`, { url: 'about:blank' });
        pageOpen = true;
        return new WebKitPage(base, sessionBase);
      },
      async close() {
        try {
          await command(base, 'DELETE', sessionBase);
        } finally {
          killGroup();
          process.off('exit', killGroup);
        }
      },
    };
  } catch (error) {
    killGroup();
    process.off('exit', killGroup);
    throw error;
  }
}

/** Records the page's later console errors and uncaught exceptions in `window.__sreEngineErrors`. */
function recordErrors() {
  if (window.__sreEngineErrors) return;
  const errors = [];
  window.__sreEngineErrors = errors;
  window.addEventListener('error', (event) => errors.push(String(event.error ?? event.message)));
  window.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
  const consoleError = console.error.bind(console);
  console.error = (...args) => { errors.push(args.map(String).join(' ')); consoleError(...args); };
}

/** The page API over a WebDriver session (its current browsing context). */
class WebKitPage {
  constructor(base, sessionBase) {
    this.base = base;
    this.session = sessionBase;
  }

  run(method, url, body) { return command(this.base, method, `${this.session}${url}`, body); }

  async goto(url) {
    await this.run('POST', '/url', { url });
    await this.evaluate(recordErrors);
  }

  /**
   * The page's console errors and uncaught exceptions since `goto` loaded it, and the
   * app's panic message if it shows one. Classic WebDriver reports no console messages
   * (WebKitWebDriver has no log endpoint, and no BiDi session: `webSocketUrl` is
   * refused), so `goto` installs a recorder once the document has loaded: an error
   * during the load itself is seen only through what the page shows.
   */
  errors() {
    return this.evaluate(() => {
      const panic = document.querySelector('[data-testid="panic-message"]');
      return [...(window.__sreEngineErrors ?? []), ...(panic ? [panic.textContent] : [])];
    });
  }

  url() { return this.evaluate(() => location.href); }

  async back() { await this.run('POST', '/back', {}); }

  async forward() { await this.run('POST', '/forward', {}); }

  /**
   * Runs `fn(...args)` in the page (awaiting a promise it returns) and resolves to its
   * result: the function travels as source text, as with Puppeteer and Playwright.
   */
  async evaluate(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error) }));`;
    const result = await this.run('POST', '/execute/async', { script, args });
    if (result.error) throw new Error(`in the page: ${result.error}`);
    return result.value;
  }

  async waitForFunction(fn, arg) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await this.evaluate(fn, arg)) return;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${WAIT_MS} ms waiting for ${fn} (${JSON.stringify(arg)}); ${await this.describe()}`);
      }
      await sleep(POLL_MS);
    }
  }

  /** What the page shows, for the message of a failed wait. */
  async describe() {
    try {
      const state = await this.evaluate(() => ({
        url: location.href,
        readyState: document.readyState,
        errors: window.__sreEngineErrors ?? 'no recorder',
        text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 600),
      }));
      return `the page: ${JSON.stringify(state)}`;
    } catch (error) {
      return `the page could not be read: ${error.message}`;
    }
  }

  /** Waits until `selector` matches an element that takes room on the screen. */
  waitFor(selector) {
    return this.waitForFunction((sel) => {
      const el = document.querySelector(sel);
      return !!el && el.getClientRects().length > 0;
    }, selector);
  }

  /** The reference of the element `selector` matches, once it takes room on the screen. */
  async element(selector) {
    await this.waitFor(selector);
    return this.find(selector);
  }

  /** The reference of the element `selector` matches now. */
  async find(selector) {
    const found = await this.run('POST', '/element', { using: 'css selector', value: selector });
    return found[ELEMENT];
  }

  /** A real click (the driver's pointer input at the element's in-view centre). */
  async click(selector) {
    const id = await this.element(selector);
    await this.run('POST', `/element/${id}/click`, {});
  }

  async fill(selector, text) {
    const id = await this.element(selector);
    await this.run('POST', `/element/${id}/clear`, {});
    await this.run('POST', `/element/${id}/value`, { text });
  }

  /** Presses `key` ('Enter' or 'Tab') in the element. */
  async press(selector, key) {
    const keys = { Enter: '\uE007', Tab: '\uE004' };
    if (!keys[key]) throw new Error(`no WebDriver code for key ${key}`);
    const id = await this.element(selector);
    await this.run('POST', `/element/${id}/value`, { text: keys[key] });
  }

  /**
   * Chooses the option of value `value` in a <select>: a click on the option, which
   * WebDriver turns into what choosing it in the opened list does (selects it, fires
   * `input` and `change`) without a native pop-up menu in the way.
   */
  async select(selector, value) {
    await this.waitFor(selector);
    const option = await this.find(`${selector} option[value="${value}"]`);
    await this.run('POST', `/element/${option}/click`, {});
  }

  text(selector) { return this.evaluate((sel) => document.querySelector(sel).textContent, selector); }

  attr(selector, name) { return this.evaluate((sel, name) => document.querySelector(sel).getAttribute(name), selector, name); }

  count(selector) { return this.evaluate((sel) => document.querySelectorAll(sel).length, selector); }

  /** A file input takes a file as typed keys: its path (W3C WebDriver "Element Send Keys"). */
  async setInputFile(selector, file) {
    const id = await this.element(selector);
    await this.run('POST', `/element/${id}/value`, { text: file });
  }

  /** Sizes the window so that the page's viewport is `width` × `height` CSS pixels. */
  async setViewport(width, height) {
    await this.run('POST', '/window/rect', { width, height });
    const [innerWidth, innerHeight] = await this.evaluate(() => [window.innerWidth, window.innerHeight]);
    if (innerWidth !== width || innerHeight !== height) {
      await this.run('POST', '/window/rect', { width: 2 * width - innerWidth, height: 2 * height - innerHeight });
    }
  }

  /** Runs `body(frame)` inside the iframe matched by `selector`, then returns to the page. */
  async inFrame(selector, body) {
    const id = await this.element(selector);
    await this.run('POST', '/frame', { id: { [ELEMENT]: id } });
    try {
      return await body(new WebKitPage(this.base, this.session));
    } finally {
      await this.run('POST', '/frame/parent', {});
    }
  }
}
