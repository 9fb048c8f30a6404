/**
 * Chromium's processes as the operating system sees them: which are renderers (CDP
 * `SystemInfo.getProcessInfo`, on the browser's own session), how much CPU they have used, and how
 * much memory they hold. Memory is read from Linux's /proc/<pid>/smaps_rollup as PSS (proportional
 * set size: each shared page divided among the processes sharing it, so the sum over processes does
 * not count shared libraries once per process, as RSS would). Pyodide's memory is WebAssembly memory
 * in a worker, which no JS heap figure (`Performance.getMetrics`) includes and
 * `performance.measureUserAgentSpecificMemory` cannot see without cross-origin isolation.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, CDPSession } from '@playwright/test';

interface ProcessInfo {
  type: string;
  id: number;
  /** Seconds of CPU, all threads, since the process started. */
  cpuTime: number;
}

export class ChromiumProcesses {
  readonly #session: Promise<CDPSession>;

  constructor(browser: Browser) {
    this.#session = browser.newBrowserCDPSession();
  }

  async #renderers(): Promise<ProcessInfo[]> {
    const session = await this.#session;
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: ProcessInfo[];
    };
    return processInfo.filter((process) => process.type === 'renderer');
  }

  /**
   * The renderers' memory in MB (10^6 bytes): PSS summed over every renderer process of this
   * browser, or NaN where /proc cannot tell (not Linux). With one page open, that is the page, its
   * frames and all their workers.
   */
  async rendererMemoryMB(): Promise<{ pssMB: number; processes: number }> {
    const renderers = await this.#renderers();
    let kB = 0;
    for (const { id } of renderers) {
      const file = `/proc/${id}/smaps_rollup`;
      if (!existsSync(file)) return { pssMB: Number.NaN, processes: renderers.length };
      try {
        kB += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(file, 'utf8'))?.[1] ?? Number.NaN);
      } catch {
        // The process ended between the listing and the read: it holds nothing any more.
      }
    }
    return { pssMB: (kB * 1024) / 1e6, processes: renderers.length };
  }

  /** Seconds of CPU all renderers have used so far. */
  async rendererCpuSeconds(): Promise<number> {
    return (await this.#renderers()).reduce((sum, process) => sum + process.cpuTime, 0);
  }

  /**
   * Waits until the renderers are quiet (under a tenth of a core over `windowMs`, twice running),
   * at least `minMs` and at most `maxMs`: e.g. until a spare Python worker has booted. Returns how
   * long it waited.
   */
  async waitUntilQuiet(
    options: { minMs?: number; maxMs?: number; windowMs?: number } = {},
  ): Promise<number> {
    const { minMs = 1000, maxMs = 20_000, windowMs = 500 } = options;
    const started = performance.now();
    let last = await this.rendererCpuSeconds();
    let quietWindows = 0;
    while (performance.now() - started < maxMs) {
      await new Promise((done) => setTimeout(done, windowMs));
      const now = await this.rendererCpuSeconds();
      quietWindows = now - last < (0.1 * windowMs) / 1000 ? quietWindows + 1 : 0;
      last = now;
      if (quietWindows >= 2 && performance.now() - started >= minMs) break;
    }
    return performance.now() - started;
  }

  async close(): Promise<void> {
    await (await this.#session).detach();
  }
}
