/** docs/security.md names only tests that exist: each `file` › “title” is a file of this repository holding that title. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync('docs/security.md', 'utf8');

describe('the threat model (docs/security.md)', () => {
  it('names only test files and test titles that exist', () => {
    const files = [...doc.matchAll(/`(test\/[\w./-]+\.test\.ts)`/g)].map((match) => match[1]!);
    const titled = [...doc.matchAll(/`(test\/[\w./-]+\.test\.ts)` › “([^”]+)”/g)].map(([, file, title]) => ({
      file: file!,
      title: title!,
    }));
    expect(files.length).toBeGreaterThan(20);
    expect(titled.length).toBeGreaterThan(20);
    const missing = [
      ...files.filter((file) => !existsSync(file)),
      ...titled.filter(({ file, title }) => !existsSync(file) || !readFileSync(file, 'utf8').includes(title)),
    ];
    expect(missing).toEqual([]);
  });
});
