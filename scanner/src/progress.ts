/**
 * Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise.
 * @packageDocumentation
 */

/** Reports one step of the scan. */
export type Progress = (message: string) => void;

/** A progress reporter writing to `stream`; `done()` ends the in-place line. */
export function progressTo(stream: NodeJS.WriteStream): { report: Progress; done: () => void } {
  if (!stream.isTTY) return { report: (message) => stream.write(`${message}\n`), done: () => undefined };
  let shown = false;
  return {
    report(message) {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[2K${message.length > width ? `${message.slice(0, width - 1)}…` : message}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
