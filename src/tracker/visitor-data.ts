/**
 * The visitor's rights over what the collector recorded (the dialog's "Your data", docs/reference.md#the-visitors-data):
 * access (`GET /visitor/:id`) and erasure (`DELETE /visitor/:id`).
 * @packageDocumentation
 */

/** Sends `method` to `url` without cookies; resolves the answer's text, or `null` on any failure. */
export async function requestVisitorData(url: string, method: 'GET' | 'DELETE'): Promise<string | null> {
  try {
    const response = await fetch(url, { method, credentials: 'omit' });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/** Offers `text` to the visitor as a JSON file named `filename` (a Blob behind an `<a download>`). */
export function saveFile(filename: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = filename;
  link.click();
  // The download reads the Blob asynchronously; release it well after it started.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
