// Writes the example of a module's `@module` doc comment into a folder, so that
// tests and the pack smoke run what the documentation shows: the first ```ts
// block becomes example.mjs, each ```yaml block the file its preceding line
// names (`with `hello.yaml`:`).
//   node scripts/module-example.mjs <module file (.ts, or the built .js)> <folder>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [file, folder] = process.argv.slice(2);
if (file === undefined || folder === undefined) {
  console.error('usage: node scripts/module-example.mjs <module file> <folder>');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const comment = /\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
const lines = comment.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
const written = [];
let name;
for (let i = 0; i < lines.length; i++) {
  const fence = /^```(ts|yaml)$/.exec(lines[i]);
  if (fence === null) {
    name = /`([\w.-]+\.ya?ml)`:\s*$/.exec(lines[i])?.[1] ?? (lines[i].trim() === '' ? name : undefined);
    continue;
  }
  const end = lines.indexOf('```', i + 1);
  const body = `${lines.slice(i + 1, end).join('\n')}\n`;
  const target = fence[1] === 'ts' ? 'example.mjs' : name;
  if (target === undefined) throw new Error(`${file}: a yaml block without a file name before it`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, target), body);
  written.push(target);
  i = end;
}
if (!written.includes('example.mjs')) throw new Error(`${file}: no \`\`\`ts example in its first doc comment`);
console.log(written.join(' '));
