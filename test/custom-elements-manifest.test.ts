/**
 * dist/custom-elements.json (built by `npm run build:browser` from the
 * elements' class TSDoc) against what a browser observes of the defined
 * elements: their observed attributes, the public properties on their
 * prototypes, the `part` names in their rendered shadow roots, the
 * `--consent-gate-*` custom properties their styles read, and the events they
 * dispatch when every button is pressed. Whatever an element exposes and the
 * manifest lacks fails here (and what the manifest names that no element has),
 * however the element is built.
 */
import { expect } from '@open-wc/testing';
import '../src/elements.ts';

interface Named {
  name: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
}

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  members?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

/** What the manifest says of each element, by tag. */
interface Documented {
  attributes: string[];
  properties: string[];
  events: string[];
  parts: string[];
  cssProperties: string[];
}

async function manifest(): Promise<Map<string, Documented>> {
  const response = await fetch('/dist/custom-elements.json');
  if (!response.ok) throw new Error('dist/custom-elements.json is missing: run `npm run build:browser` first');
  const { modules } = (await response.json()) as { modules: Array<{ declarations?: Declaration[] }> };
  const names = (list: Named[] | undefined) => (list ?? []).map((item) => item.name).sort();
  const elements = new Map<string, Documented>();
  for (const declaration of modules.flatMap((module) => module.declarations ?? [])) {
    if (!declaration.customElement || !declaration.tagName) continue;
    const publicFields = (declaration.members ?? []).filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public');
    elements.set(declaration.tagName, {
      attributes: names(declaration.attributes),
      properties: names(publicFields),
      events: names(declaration.events),
      parts: names(declaration.cssParts),
      cssProperties: names(declaration.cssProperties),
    });
  }
  return elements;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The attributes the element's class observes. */
function observedAttributes(tag: string): string[] {
  return sorted((customElements.get(tag) as { observedAttributes?: string[] } | undefined)?.observedAttributes ?? []);
}

/** Public accessors (getter/setter pairs) the element's own class defines: its properties. */
function ownProperties(tag: string): string[] {
  const prototype = customElements.get(tag)!.prototype as object;
  return sorted(
    Object.entries(Object.getOwnPropertyDescriptors(prototype))
      .filter(([name, descriptor]) => !name.startsWith('_') && descriptor.get && descriptor.set)
      .map(([name]) => name),
  );
}

/** Every `part` name in the element's shadow root. */
function partNames(element: HTMLElement): string[] {
  const nodes = element.shadowRoot!.querySelectorAll('[part]');
  return [...nodes].flatMap((node) => node.getAttribute('part')!.split(/\s+/).filter(Boolean));
}

/** The `--consent-gate-*` custom properties read by the element's styles (adopted sheets and `<style>` elements). */
function customProperties(element: HTMLElement): string[] {
  const root = element.shadowRoot!;
  const sheets = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((style) => style.sheet!)];
  const text = sheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
  return [...text.matchAll(/--consent-gate-[a-z0-9-]+/g)].map((match) => match[0]);
}

/** The types of the events `element` dispatches while `act` runs. */
async function dispatchedBy(element: HTMLElement, act: () => Promise<void>): Promise<string[]> {
  const types: string[] = [];
  const original = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
    if (this === element) types.push(event.type);
    return original.call(this, event);
  };
  try {
    await act();
  } finally {
    EventTarget.prototype.dispatchEvent = original;
  }
  return types;
}

/** Presses every button of `element`'s shadow root, re-rendering in between. */
async function pressEveryButton(element: HTMLElement & { updateComplete: Promise<unknown> }): Promise<void> {
  for (const button of [...element.shadowRoot!.querySelectorAll('button')]) {
    button.click();
    await element.updateComplete;
  }
}

/** `element` attached to the page and rendered. */
async function attached<E extends HTMLElement & { updateComplete: Promise<unknown> }>(element: E): Promise<E> {
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const CATEGORIES = [
  { name: 'necessary', label: 'Necessary', description: 'Needed.', required: true, services: [] },
  {
    name: 'analytics',
    label: 'Analytics',
    description: 'Statistics.',
    required: false,
    services: [{ name: 'Stats', provider: 'Us', purpose: 'Counting', cookies: [{ name: 'cg_vid', duration: '1 year' }] }],
  },
];

describe('custom-elements.json', () => {
  let documented: Map<string, Documented>;
  const observed = new Map<string, { parts: string[]; cssProperties: string[]; events: string[] }>();

  before(async () => {
    documented = await manifest();
    // Every state that draws something: the notice (with a policy link), the floating button, the full dialog.
    const notice = await attached(Object.assign(document.createElement('consent-banner'), { mode: 'banner', policyUrl: '/privacy' }));
    const floating = await attached(Object.assign(document.createElement('consent-banner'), { mode: 'floating' }));
    const bannerParts = [...partNames(notice), ...partNames(floating)];
    const bannerEvents = [
      ...(await dispatchedBy(notice, () => pressEveryButton(notice))),
      ...(await dispatchedBy(floating, () => pressEveryButton(floating))),
    ];
    observed.set('consent-banner', {
      parts: sorted(bannerParts),
      cssProperties: sorted(customProperties(notice)),
      events: sorted(bannerEvents),
    });

    const dialog = await attached(
      Object.assign(document.createElement('consent-preferences'), {
        categories: CATEGORIES,
        choices: { necessary: true, analytics: false },
        policyUrl: '/privacy',
        dataActions: true,
        dataMessage: 'Done.',
        open: true,
      }),
    );
    const dialogParts = partNames(dialog);
    const dialogCss = customProperties(dialog);
    const dialogEvents = await dispatchedBy(dialog, async () => {
      // The dialog closes on some buttons: open it again before each press.
      for (const button of [...dialog.shadowRoot!.querySelectorAll('button')]) {
        dialog.open = true;
        await dialog.updateComplete;
        button.click();
        await dialog.updateComplete;
      }
    });
    observed.set('consent-preferences', { parts: sorted(dialogParts), cssProperties: sorted(dialogCss), events: sorted(dialogEvents) });
    for (const element of [notice, floating, dialog]) element.remove();
  });

  for (const tag of ['consent-banner', 'consent-preferences']) {
    describe(`<${tag}>`, () => {
      it('is in the manifest', () => {
        expect([...documented.keys()], 'tags in dist/custom-elements.json').to.include(tag);
      });

      it('documents exactly the attributes it observes', () => {
        expect(documented.get(tag)?.attributes, `attributes of <${tag}> in the manifest`).to.deep.equal(observedAttributes(tag));
      });

      it('documents every public property of its class', () => {
        expect(documented.get(tag)?.properties, `properties of <${tag}> in the manifest`).to.include.members(ownProperties(tag));
      });

      it('documents exactly the parts it renders', () => {
        expect(documented.get(tag)?.parts, `parts of <${tag}> in the manifest`).to.deep.equal(observed.get(tag)!.parts);
      });

      it('documents exactly the --consent-gate-* custom properties its styles read', () => {
        expect(documented.get(tag)?.cssProperties, `custom properties of <${tag}> in the manifest`).to.deep.equal(
          observed.get(tag)!.cssProperties,
        );
      });

      it('documents exactly the events it dispatches', () => {
        expect(documented.get(tag)?.events, `events of <${tag}> in the manifest`).to.deep.equal(observed.get(tag)!.events);
      });
    });
  }
});
