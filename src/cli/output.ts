/** Write to stdout and wait for it to drain; a closed pipe (`| head`) ends quietly. */
export function writeStdout(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (err) => {
      if (!err || (err as NodeJS.ErrnoException).code === "EPIPE") resolve();
      else reject(err);
    });
  });
}
