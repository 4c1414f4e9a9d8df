import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, BIN } from "./harness.js";

/**
 * Issue 16, "never harm the user's files" and "input limits on anything that is not a file": one
 * minimal reproducer per case, through the built CLI. Device nodes need root (mknod): those cases
 * skip cleanly without it; the tmpfs case needs root and a kernel that lets us mount one.
 */

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const NOTICE = join(FIXTURES, "zhonglou-2018-plan.txt");
const root = process.getuid?.() === 0;
let work: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function ledger(args: string[], options: { stdout?: number; input?: string } = {}): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: [options.input === undefined ? "ignore" : "pipe", options.stdout ?? "pipe", "pipe"],
    input: options.input,
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout?.toString("utf8") ?? "", stderr: run.stderr.toString("utf8") };
}

/** Exactly one line on stderr (a usage error adds the --help hint), no stack trace, no control character. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split("\n").filter((line) => line !== "" && !line.startsWith("(run with --help"));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

function kind(path: string): string {
  const info = lstatSync(path);
  return info.isCharacterDevice() ? "char" : info.isFIFO() ? "fifo" : info.isSymbolicLink() ? "link" : info.isFile() ? "file" : "other";
}

/** Files in `dir` whose name starts with "." (a temp file left behind). */
function hidden(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith("."));
}

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "ledger-output-safety-"));
  copyFileSync(NOTICE, join(work, "notice.txt"));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("-o onto a device, a FIFO or the input", () => {
  it.skipIf(!root)("writes through a character device (a null node made with mknod) and leaves it a device", () => {
    const node = join(work, "null");
    execFileSync("mknod", [node, "c", "1", "3"]);
    const run = ledger(["parse", "notice.txt", "-f", "json", "-o", node]);
    expect(run.status, run.stderr).toBe(0);
    expect(kind(node)).toBe("char");
    expect(hidden(work)).toEqual([]);
  });

  it.skipIf(!root)("exits 1 in one line on a full device, which stays a device", () => {
    const node = join(work, "full");
    execFileSync("mknod", [node, "c", "1", "7"]);
    const run = ledger(["parse", "notice.txt", "-f", "json", "-o", node]);
    expect(run.status).toBe(1);
    expectOneLine(run.stderr, /^ledger: cannot write .*full: no space left on device$/);
    expect(kind(node)).toBe("char");
  });

  it("writes through a FIFO to its reader, and leaves it a FIFO", async () => {
    const fifo = join(work, "out.fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    const chunks: Buffer[] = [];
    reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const read = new Promise((resolve) => reader.on("close", resolve));
    // Give cat the time to open its end.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const run = ledger(["parse", "notice.txt", "-f", "json", "-o", fifo]);
    await read;
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(Buffer.concat(chunks).toString("utf8")).tasks.length).toBeGreaterThan(0);
    expect(kind(fifo)).toBe("fifo");
  });

  it("refuses a FIFO nobody reads in one line instead of waiting or replacing it", () => {
    const fifo = join(work, "unread.fifo");
    execFileSync("mkfifo", [fifo]);
    const run = ledger(["parse", "notice.txt", "-f", "json", "-o", fifo]);
    expect(run.status).toBe(1);
    expectOneLine(run.stderr, /^ledger: cannot write .*unread\.fifo: no process is reading it$/);
    expect(kind(fifo)).toBe("fifo");
  });

  it("writes to a Unix socket's listener, and leaves the socket in place", async () => {
    const path = join(work, "out.sock");
    const chunks: Buffer[] = [];
    let stillSocket = false;
    const received = new Promise<void>((resolve) => {
      const server = createServer((connection) => {
        connection.on("data", (chunk: Buffer) => chunks.push(chunk));
        // Before close, which removes the socket file.
        connection.on("end", () => {
          stillSocket = lstatSync(path).isSocket();
          server.close(() => resolve());
        });
      });
      server.listen(path);
    });
    // Asynchronously: the listener is in this process and must accept while the CLI runs.
    const child = spawn(process.execPath, [BIN, "parse", "notice.txt", "-f", "json", "-o", path], { cwd: work, stdio: "ignore" });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    await received;
    expect(status).toBe(0);
    expect(JSON.parse(Buffer.concat(chunks).toString("utf8")).tasks.length).toBeGreaterThan(0);
    expect(stillSocket).toBe(true);
  });

  it("refuses -o the input itself, by the same path or through a symlink, and leaves the notice as it was", () => {
    const notice = join(work, "same.txt");
    copyFileSync(NOTICE, notice);
    symlinkSync("same.txt", join(work, "same-link.json"));
    for (const output of ["same.txt", "same-link.json"]) {
      const run = ledger(["parse", "same.txt", "-f", "json", "-o", output]);
      expect(run.status).toBe(2);
      expectOneLine(run.stderr, /is the input itself/);
      expect(readFileSync(notice).equals(readFileSync(NOTICE))).toBe(true);
    }
  });
});

describe("output names and full outputs", () => {
  it("writes a 255-byte file name (the temp name beside it is short)", () => {
    const name = `${"台".repeat(83)}.json`;
    expect(Buffer.byteLength(name)).toBe(254);
    const run = ledger(["parse", "notice.txt", "-o", name]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(work, name))).toBe(true);
  });

  it("exits 1 in one line when standard output is full (JSON > /dev/full)", () => {
    const full = openSync("/dev/full", "w");
    try {
      const run = ledger(["parse", "notice.txt"], { stdout: full });
      expect(run.status).toBe(1);
      expectOneLine(run.stderr, /^ledger: cannot write standard output: no space left on device$/);
    } finally {
      closeSync(full);
    }
  });

  it.skipIf(!root)("exits 1 on a full disk and leaves the previous output as it was, with no temp file", () => {
    const disk = join(work, "small");
    mkdirSync(disk);
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", disk]).status === 0;
    if (!mounted) return;
    try {
      writeFileSync(join(disk, "ledger.json"), "previous\n");
      const run = ledger(["parse", "notice.txt", "-o", join(disk, "ledger.json")]);
      expect(run.status).toBe(1);
      expectOneLine(run.stderr, /no space left on device$/);
      expect(readFileSync(join(disk, "ledger.json"), "utf8")).toBe("previous\n");
      expect(hidden(disk)).toEqual([]);
    } finally {
      spawnSync("umount", [disk]);
    }
  });
});

describe("inputs that are not regular files", () => {
  // `ledger check` walks its arguments as `ledger batch` does, which refuses what is not a regular file.
  const REFUSED = /: (is larger than the 64 MB input limit|is not a regular file)$/m;

  it("refuses /dev/zero at the input size limit (parse) or as not a file (check), without reading forever", () => {
    const parse = ledger(["parse", "/dev/zero"]);
    expect(parse.status).toBe(1);
    expectOneLine(parse.stderr, /^ledger: \/dev\/zero: is larger than the 64 MB input limit$/);
    const check = ledger(["check", "/dev/zero"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(REFUSED);
  });

  it("reads a FIFO with a writer like standard input", async () => {
    const fifo = join(work, "in.fifo");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `cat "${NOTICE}" > "${fifo}"`]);
    const run = ledger(["parse", fifo]);
    await new Promise((resolve) => writer.on("close", resolve));
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).tasks.length).toBeGreaterThan(0);
  });

  it("stops at the time limit on a FIFO nobody writes: parse, check and --units", () => {
    const fifo = join(work, "silent.fifo");
    execFileSync("mkfifo", [fifo]);
    for (const args of [["parse", fifo], ["check", fifo], ["parse", "notice.txt", "--units", fifo]]) {
      const run = ledger([...args, "--timeout", "1"]);
      expect(run.status, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(args[0] === "check" ? REFUSED : /silent\.fifo: took longer than 1 s; stopped$/m);
    }
  });

  it("refuses a malformed --timeout as a usage error", () => {
    const run = ledger(["parse", "notice.txt", "--timeout", "soon"]);
    expect(run.status).toBe(2);
    expectOneLine(run.stderr, /--timeout must be a number of seconds above 0/);
  });
});
