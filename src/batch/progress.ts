/**
 * A one-line progress bar for a terminal (files done / total, rate, ETA), redrawn at most ten times
 * a second. ASCII only: block characters are double width in many CJK terminals and would wrap.
 */
export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private visible = false;
  private readonly started = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
  ) {}

  tick(): void {
    this.done++;
    const now = performance.now();
    if (now - this.lastDraw < 100 && this.done < this.total) return;
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
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : 0;
    const tail = ` ${this.done}/${this.total}  ${rate.toFixed(rate < 10 ? 1 : 0)} files/s  ETA ${clock(eta)}`;
    const width = Math.max(10, Math.min(40, (this.stream.columns || 80) - tail.length - 3));
    const filled = this.total === 0 ? width : Math.min(width, Math.round((width * this.done) / this.total));
    this.stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}]${tail}\x1b[K`);
    this.visible = true;
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
