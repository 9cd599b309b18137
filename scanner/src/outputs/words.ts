/**
 * Counts and lists in English sentences, for the outputs people read.
 * @packageDocumentation
 */

/** `n` and the noun in the right number: "1 cookie", "3 cookies", "2 storage keys". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Words listed as a sentence does: "a", "a and b", "a, b and c". */
export function listInWords(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
