/**
 * Files the dashboard hands to the person: one CSV, or several in one ZIP
 * (client-zip: stored, not compressed, built in the browser). Nothing is sent
 * anywhere: the file is a `blob:` URL the browser downloads.
 * @packageDocumentation
 */

import { downloadZip } from 'client-zip';

/** A file to download. */
export interface DownloadFile {
  name: string;
  text: string;
}

/** Let the browser save `blob` as `name`. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference; the URL is no longer needed once it started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Download one CSV file. */
export function downloadCsv(file: DownloadFile): void {
  save(new Blob([file.text], { type: 'text/csv;charset=utf-8' }), file.name);
}

/** Download `files` as one ZIP named `name`. */
export async function downloadZipOf(name: string, files: readonly DownloadFile[]): Promise<void> {
  const lastModified = new Date();
  const blob = await downloadZip(files.map((file) => ({ name: file.name, input: file.text, lastModified }))).blob();
  save(blob, name);
}
