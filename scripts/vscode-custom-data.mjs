// Custom Elements Manifest analyzer plugin: writes VS Code's HTML custom data
// (`html.customData`) for the elements in the manifest: tags, their
// attributes and the attributes' values, with the manifest's descriptions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The values of a union of string literals (`'bar' | 'box'`), else none. */
function valuesOf(type) {
  const literals = (type?.text ?? '').split('|').map((part) => part.trim());
  return literals.every((part) => /^'[^']*'$/.test(part)) ? literals.map((part) => ({ name: part.slice(1, -1) })) : [];
}

/** The custom data for the elements of `manifest`. */
export function customData(manifest) {
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement && d.tagName);
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: declarations.map((element) => ({
      name: element.tagName,
      description: element.description ?? element.summary ?? '',
      attributes: (element.attributes ?? []).map((attribute) => ({
        name: attribute.name,
        description: attribute.description ?? '',
        values: valuesOf(attribute.type),
      })),
    })),
  };
}

/** Analyzer plugin: writes the custom data to `file` once the manifest is complete. */
export function vscodeCustomData(file) {
  return {
    name: 'vscode-custom-data',
    packageLinkPhase({ customElementsManifest }) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(customData(customElementsManifest), null, 2)}\n`);
    },
  };
}
