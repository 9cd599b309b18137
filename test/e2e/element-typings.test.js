// The template types of <consent-banner> and <consent-preferences> (dist/types/ui/template-props.d.ts,
// which consent-gate/vue adds to Vue's GlobalComponents and consent-gate/svelte to svelte/elements)
// against the Custom Elements Manifest (dist/custom-elements.json), both made by `npm run build:browser`:
// every public property and attribute the manifest lists, and nothing else, with the attributes' types.
// The examples' vue-tsc and svelte-check runs then show the frameworks reading these types.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES_FILE = `${DIST}types/ui/template-props.d.ts`;
const TEMPLATE_TYPES = { 'consent-banner': 'ConsentBannerTemplateProps', 'consent-preferences': 'ConsentPreferencesTemplateProps' };

/** The manifest's custom elements by tag: public instance fields and attributes (with their types). */
function manifestElements() {
  const manifest = JSON.parse(readFileSync(`${DIST}custom-elements.json`, 'utf8'));
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
  return new Map(
    declarations.map((declaration) => [
      declaration.tagName,
      {
        fields: (declaration.members ?? [])
          .filter((member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public')
          .map((member) => member.name),
        attributes: new Map((declaration.attributes ?? []).map((attribute) => [attribute.name, attribute.type?.text])),
      },
    ]),
  );
}

/** A type's members as text, one per union member, `boolean` kept whole: `'bar' | 'box'` → ['"bar"', '"box"']. */
function typeMembers(checker, type) {
  const parts = type.isUnion() ? type.types : [type];
  const booleans = parts.filter((part) => part.flags & ts.TypeFlags.BooleanLiteral);
  const others = parts.filter((part) => !(part.flags & ts.TypeFlags.BooleanLiteral));
  return [...(booleans.length === 2 ? ['boolean'] : booleans), ...others]
    .map((part) => (typeof part === 'string' ? part : checker.typeToString(part)))
    .sort();
}

/** The manifest's type text in the same form: `'bar' | 'box'` → ['"bar"', '"box"']. */
const manifestMembers = (text) =>
  text
    .split('|')
    .map((part) => part.trim().replace(/^'(.*)'$/, '"$1"'))
    .sort();

/** Each template type's properties: name → members of its type (undefined left out). */
function templateTypes() {
  const program = ts.createProgram([TYPES_FILE], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
  });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(TYPES_FILE)));
  const result = new Map();
  for (const [tag, name] of Object.entries(TEMPLATE_TYPES)) {
    const symbol = exports.find((candidate) => candidate.name === name);
    assert.ok(symbol, `${TYPES_FILE} exports ${name}`);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    result.set(
      tag,
      new Map(
        checker
          .getPropertiesOfType(type)
          .map((property) => [property.name, typeMembers(checker, checker.getNonNullableType(checker.getTypeOfSymbol(property)))]),
      ),
    );
  }
  return result;
}

const elements = manifestElements();
const types = templateTypes();

test('the manifest and the template types name the same two elements', () => {
  assert.deepEqual([...elements.keys()].sort(), Object.keys(TEMPLATE_TYPES).sort());
});

for (const tag of Object.keys(TEMPLATE_TYPES)) {
  test(`<${tag}>: the template type has every public property and attribute of the manifest, and no other`, () => {
    const { fields, attributes } = elements.get(tag);
    assert.deepEqual([...types.get(tag).keys()].sort(), [...new Set([...fields, ...attributes.keys()])].sort());
  });

  test(`<${tag}>: each attribute has the manifest's type`, () => {
    for (const [attribute, text] of elements.get(tag).attributes) {
      assert.ok(text, `the manifest gives <${tag} ${attribute}> a type`);
      assert.deepEqual(types.get(tag).get(attribute), manifestMembers(text), `<${tag} ${attribute}>`);
    }
  });
}
