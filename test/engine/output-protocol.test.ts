import { describe, expect, it } from 'vitest';
import {
  LINE_MAX_BYTES,
  MALFORMED_REPORTED,
  OUTPUT_MAX_BYTES,
  OutputCollector,
  parseBranchLine,
  parseOutputLine,
} from '../../src/engine/output-protocol.js';
import { compactJson, objectMembers } from '../../src/engine/raw-json.js';

describe('parseOutputLine', () => {
  it('keeps a number as its JSON text (docs/decisions.md D9)', () => {
    expect(parseOutputLine('##caesium::output {"a": 1000000, "b": 1e6, "c": 1.50, "d": -0, "e": 12345678901234567890}')).toEqual({
      a: '1000000',
      b: '1e6',
      c: '1.50',
      d: '-0',
      e: '12345678901234567890',
    });
  });
  it('keeps strings verbatim, decoding escapes', () => {
    expect(parseOutputLine('##caesium::output {"s": "a \\"quoted\\" \\u00e9 line\\n", "t": ""}')).toEqual({
      s: 'a "quoted" é line\n',
      t: '',
    });
  });
  it('writes booleans as words and null, objects and arrays as compact JSON text', () => {
    expect(parseOutputLine('##caesium::output {"t": true, "f": false, "n": null, "o": { "k" : [1, 2.0, "a b"] }, "a": [ ]}')).toEqual({
      t: 'true',
      f: 'false',
      n: 'null',
      o: '{"k":[1,2.0,"a b"]}',
      a: '[]',
    });
  });
  it('finds the marker anywhere in a line (timestamp prefixes) and trims the rest', () => {
    expect(parseOutputLine('2026-01-01T00:00:00Z stdout ##caesium::output   {"k":"v"}   ')).toEqual({ k: 'v' });
  });
  it('ignores lines without the marker and its trailing space, and malformed JSON', () => {
    expect(parseOutputLine('hello')).toBeUndefined();
    expect(parseOutputLine('##caesium::output{"k":"v"}')).toBeUndefined();
    expect(parseOutputLine('##caesium::output {"k":')).toBeUndefined();
    expect(parseOutputLine('##caesium::output [1,2]')).toBeUndefined();
    expect(parseOutputLine('##caesium::output "text"')).toBeUndefined();
    expect(parseOutputLine('##caesium::output null')).toBeUndefined();
    expect(parseOutputLine('##caesium::output {"k":"v"} trailing')).toBeUndefined();
  });
  it('takes the last of duplicate keys and is safe with __proto__', () => {
    const out = parseOutputLine('##caesium::output {"k": 1, "k": 2, "__proto__": "x"}');
    expect(out?.k).toBe('2');
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('x');
  });
});

describe('raw JSON members', () => {
  it('returns each value as written', () => {
    expect(objectMembers('{ "a" : 1.0 , "b":{"c":[true,null]} ,"d":"x,}"}')).toEqual([
      ['a', '1.0'],
      ['b', '{"c":[true,null]}'],
      ['d', '"x,}"'],
    ]);
    expect(objectMembers('{}')).toEqual([]);
  });
  it('compacts without touching strings', () => {
    expect(compactJson('{ "a b" : [ 1 , "c  d" ] }')).toBe('{"a b":[1,"c  d"]}');
  });
});

describe('parseBranchLine', () => {
  it('reads the trimmed name after the marker, anywhere in a line', () => {
    expect(parseBranchLine('##caesium::branch  left  ')).toBe('left');
    expect(parseBranchLine('[ts] ##caesium::branch right')).toBe('right');
    expect(parseBranchLine('##caesium::branch   ')).toBeUndefined();
    expect(parseBranchLine('no marker')).toBeUndefined();
  });
});

describe('OutputCollector', () => {
  it('merges outputs (last write wins) and de-duplicates branches in first-seen order', () => {
    const c = new OutputCollector();
    for (const line of [
      '##caesium::output {"a": "1", "b": 2}',
      'noise',
      '##caesium::branch right',
      '##caesium::output {"a": "3"}',
      '##caesium::output broken',
      '##caesium::branch left',
      '##caesium::branch right',
    ]) {
      c.add(line);
    }
    expect(c.finish()).toEqual({
      outputs: { a: '3', b: '2' },
      branches: ['right', 'left'],
      warnings: ['step "task", output line 5: ignored malformed ##caesium::output (needs a JSON object): ##caesium::output broken'],
    });
  });

  it('keeps merged outputs whose JSON is exactly 64 KiB', () => {
    const c = new OutputCollector();
    const overhead = JSON.stringify({ k: '' }).length;
    c.add(`##caesium::output ${JSON.stringify({ k: 'x'.repeat(OUTPUT_MAX_BYTES - overhead) })}`);
    expect(Object.keys(c.finish().outputs)).toEqual(['k']);
  });

  it('discards outputs and branches over the 64 KiB cap, with a warning', () => {
    const c = new OutputCollector();
    c.add('##caesium::branch left');
    c.add(`##caesium::output ${JSON.stringify({ a: 'x'.repeat(40_000) })}`);
    c.add(`##caesium::output ${JSON.stringify({ b: 'y'.repeat(40_000) })}`);
    const done = c.finish();
    expect(done.outputs).toEqual({});
    expect(done.branches).toEqual([]);
    expect(done.warnings).toEqual([
      expect.stringMatching(/^outputs discarded: merged outputs are 800\d\d bytes of JSON, over the 65536-byte cap$/),
    ]);
  });

  it('counts the cap in UTF-8 bytes', () => {
    const c = new OutputCollector();
    c.add(`##caesium::output ${JSON.stringify({ a: 'é'.repeat(33_000) })}`); // 66 000 bytes
    expect(c.finish().outputs).toEqual({});
  });

  it('records nothing once a line is longer than 1 MiB', () => {
    const c = new OutputCollector();
    c.add('##caesium::output {"a": "1"}');
    c.add('x'.repeat(LINE_MAX_BYTES + 1));
    c.add('##caesium::output {"b": "2"}');
    expect(c.finish()).toEqual({
      outputs: {},
      branches: [],
      warnings: [`outputs discarded: a log line is longer than ${LINE_MAX_BYTES} bytes`],
    });
  });
});

describe('malformed output lines', () => {
  it('are ignored with a warning naming the step, the line number and the text', () => {
    const c = new OutputCollector('load');
    c.add('starting');
    c.add('##caesium::output {"rows": 3}');
    c.add('##caesium::output {rows: 3');
    c.add('##caesium::output[1]');
    expect(c.finish()).toEqual({
      outputs: { rows: '3' },
      branches: [],
      warnings: [
        'step "load", output line 3: ignored malformed ##caesium::output (needs a JSON object): ##caesium::output {rows: 3',
        'step "load", output line 4: ignored malformed ##caesium::output (needs a JSON object): ##caesium::output[1]',
      ],
    });
  });
  it('are reported one by one up to a cap, then counted', () => {
    const c = new OutputCollector('s');
    for (let i = 0; i < MALFORMED_REPORTED + 3; i++) c.add('##caesium::output nope');
    const { warnings } = c.finish();
    expect(warnings).toHaveLength(MALFORMED_REPORTED + 1);
    expect(warnings.at(-1)).toBe('step "s": 3 more malformed ##caesium::output line(s) ignored');
  });
});
