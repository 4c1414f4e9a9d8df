/** What the batch reports progress to: a bar on a terminal, a line every 10 s in a log. */
export interface Progress {
  /** One more file done. */
  tick(): void;
  /** Makes room for a message on a clean line. */
  clear(): void;
}

/** Files to wait for after the first result before an ETA is shown: the first ones pay for starting the workers. */
const WARM_UP_FILES = 5;
const WARM_UP_MS = 1000;

/**
 * Files per second and the time left, measured from the first result rather than from the start:
 * starting the workers (loading the parser, and exceljs or mammoth on first use) costs the first
 * files far more than the others, and an ETA taken from them says 7:21 for a 14 s job.
 */
class Rate {
  private done = 0;
  private firstAt: number | null = null;

  constructor(private readonly total: number) {}

  tick(now: number): void {
    this.done++;
    this.firstAt ??= now;
  }

  get count(): number {
    return this.done;
  }

  /** Files per second since the first result, or null while warming up. */
  perSecond(now: number): number | null {
    if (this.firstAt === null || this.done - 1 < WARM_UP_FILES || now - this.firstAt < WARM_UP_MS) return null;
    return ((this.done - 1) * 1000) / (now - this.firstAt);
  }

  /** Seconds left, or null while warming up. */
  eta(now: number): number | null {
    const rate = this.perSecond(now);
    return rate === null || rate === 0 ? null : (this.total - this.done) / rate;
  }
}

/**
 * A one-line progress bar for a terminal (files done / total, rate, ETA), redrawn at most ten times
 * a second. ASCII only: block characters are double width in many CJK terminals and would wrap.
 */
export class ProgressBar implements Progress {
  private lastDraw = 0;
  private visible = false;
  private readonly rate: Rate;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
  ) {
    this.rate = new Rate(total);
  }

  tick(): void {
    const now = performance.now();
    this.rate.tick(now);
    if (now - this.lastDraw < 100 && this.rate.count < this.total) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Erases the bar so that a message can be printed on a clean line; the next tick redraws it. */
  clear(): void {
    if (!this.visible) return;
    this.stream.write("\r\x1b[K");
    this.visible = false;
  }

  private draw(now: number): void {
    const done = this.rate.count;
    const tail = ` ${done}/${this.total}  ${speed(this.rate.perSecond(now))}  ETA ${clock(this.rate.eta(now))}`;
    const width = Math.max(10, Math.min(40, (this.stream.columns || 80) - tail.length - 3));
    const filled = this.total === 0 ? width : Math.min(width, Math.round((width * done) / this.total));
    this.stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}]${tail}\x1b[K`);
    this.visible = true;
  }
}

/**
 * Progress for a log (CI, a pipe): no bar to redraw, so one plain line every `everyMs` (10 s), so
 * that a long batch shows it is alive: `ledger: 1200/10000 files, 85.3 files/s, ETA 1:43`.
 */
export class ProgressLog implements Progress {
  private lastLine: number;
  private readonly rate: Rate;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number,
    private readonly everyMs = 10_000,
    now = performance.now(),
  ) {
    this.rate = new Rate(total);
    this.lastLine = now;
  }

  tick(now = performance.now()): void {
    this.rate.tick(now);
    if (now - this.lastLine < this.everyMs || this.rate.count >= this.total) return;
    this.lastLine = now;
    this.stream.write(`ledger: ${this.rate.count}/${this.total} files, ${speed(this.rate.perSecond(now))}, ETA ${clock(this.rate.eta(now))}\n`);
  }

  clear(): void {}
}

function speed(rate: number | null): string {
  return rate === null ? "… files/s" : `${rate.toFixed(rate < 10 ? 1 : 0)} files/s`;
}

function clock(seconds: number | null): string {
  if (seconds === null) return "-:--";
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
