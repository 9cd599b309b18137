/**
 * The consent log: one consent record by its id (proof of consent for an audit
 * or a visitor's question), and every record of the date range as a CSV file,
 * through the collector's `GET /api/consents`.
 * @packageDocumentation
 */

import { isAbort, type Api } from './api.js';
import { element } from './dom.js';
import { downloadCsv } from './download.js';
import { showError } from './states.js';

/** A stored proof-of-consent record as `GET /api/consents` answers it. */
interface ConsentRecord {
  consentId: string;
  revision: number;
  timestamp: string;
  method: string;
  categories: Record<string, boolean>;
  ip: string | null;
  userAgent: string | null;
  receivedAt: string;
}

/** The range's days as `from=&to=` for `GET /api/consents` (nothing for all time). */
function rangeParams(days: readonly [string, string] | null): string {
  return days ? `from=${days[0]}&to=${days[1]}&` : '';
}

/**
 * Draw the consent log into a panel's body. `days` gives the range's days as
 * the collector resolved them for the figures (null: every record).
 */
export function drawConsentLog(
  body: HTMLElement,
  api: Api,
  days: () => readonly [string, string] | null,
  fail: (error: unknown) => boolean,
): void {
  const input = element('input', { id: 'consent-id', name: 'id', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true });
  const result = element('div', { class: 'consent-record', 'aria-live': 'polite' });
  const find = element(
    'form',
    { class: 'inline-form' },
    element('label', { for: 'consent-id' }, 'Consent id'),
    input,
    element('button', { type: 'submit', class: 'secondary small' }, 'Find'),
  );
  find.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const id = input.value.trim();
      if (!id) return;
      result.replaceChildren(element('p', { class: 'placeholder' }, 'Looking…'));
      try {
        const answer = await api.get(`api/consents?id=${encodeURIComponent(id)}`);
        const records = (JSON.parse(answer.text) as { records?: ConsentRecord[] }).records ?? [];
        result.replaceChildren(
          records.length === 0 ? element('p', { class: 'placeholder empty' }, 'No consent record has this id.') : recordList(records),
        );
      } catch (error) {
        if (!isAbort(error) && !fail(error)) showError(result, error, () => find.requestSubmit());
      }
    })();
  });
  const exportButton = element('button', { type: 'button', class: 'secondary small' }, 'Export the records of this range (CSV)');
  exportButton.addEventListener('click', () => {
    void (async () => {
      try {
        const answer = await api.get(`api/consents?${rangeParams(days())}format=csv`);
        downloadCsv({ name: 'consent-records.csv', text: answer.text });
      } catch (error) {
        if (!isAbort(error) && !fail(error)) showError(result, error, () => exportButton.click());
      }
    })();
  });
  body.replaceChildren(
    element(
      'p',
      { class: 'help' },
      'Each decision a visitor makes is stored with its id, the time, the user agent and a truncated address. Find one by the id the visitor sees in their cookie settings.',
    ),
    find,
    result,
    element('p', {}, exportButton),
  );
}

/** One or more records (a visitor who changed their mind has several). */
function recordList(records: readonly ConsentRecord[]): HTMLElement {
  return element(
    'div',
    {},
    ...records.map((record) =>
      element(
        'dl',
        { class: 'record' },
        ...[
          ['Consent id', record.consentId],
          ['Decided at', record.timestamp],
          ['Received at', record.receivedAt],
          ['Method', record.method],
          ['Policy revision', String(record.revision)],
          [
            'Categories',
            Object.entries(record.categories)
              .map(([name, granted]) => `${name}: ${granted ? 'granted' : 'refused'}`)
              .join(', '),
          ],
          ['User agent', record.userAgent ?? '–'],
          ['Address', record.ip ?? '–'],
        ].flatMap(([term, detail]) => [element('dt', {}, term), element('dd', {}, detail)]),
      ),
    ),
  );
}
