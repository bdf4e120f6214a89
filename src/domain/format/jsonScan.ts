// A syntax check of JSON text that runs before JSON.parse: a loop with an explicit stack,
// no recursion, so hostile input (a million nested brackets) cannot blow the stack. It also
// gives one wording and a line/column for every syntax error, whatever the JS engine says.

export type JsonScanResult =
  | { ok: true }
  | { ok: false; reason: 'syntax' | 'depth'; message: string; line: number; column: number };

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

const describeChar = (ch: string | undefined): string => (ch === undefined ? 'the end of the file' : JSON.stringify(ch));

/** Checks JSON syntax and nesting depth without building anything. */
export function scanJson(text: string, maxDepth: number): JsonScanResult {
  const stack: string[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const n = text.length;

  const fail = (reason: 'syntax' | 'depth', message: string, at: number): JsonScanResult => ({
    ok: false,
    reason,
    message,
    ...lineColumn(text, at),
  });

  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'commaOrEnd');

  // Returns the index after the closing quote, or a failure.
  const scanString = (start: number): number | JsonScanResult => {
    let j = start + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1; // "
      if (c === 92) {
        // backslash
        const e = text[j + 1];
        if (e === 'u') {
          if (!HEX4.test(text.slice(j + 2, j + 6))) return fail('syntax', 'invalid \\u escape in a string', j);
          j += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail('syntax', 'invalid escape in a string', j);
        j += 2;
        continue;
      }
      if (c < 0x20) return fail('syntax', 'a line break or control character inside a string (write it as \\n)', j);
      j++;
    }
    return fail('syntax', 'a string is not closed with "', start);
  };

  while (true) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    if (i >= n) {
      if (expect === 'end') return { ok: true };
      return fail('syntax', n === 0 || (stack.length === 0 && expect === 'value') ? 'the file is empty' : 'unexpected end of the file', i);
    }
    const ch = text[i]!;
    switch (expect) {
      case 'end':
        return fail('syntax', `unexpected ${describeChar(ch)} after the end of the data`, i);
      case 'colon':
        if (ch !== ':') return fail('syntax', `expected ":" after a property name, found ${describeChar(ch)}`, i);
        i++;
        expect = 'value';
        continue;
      case 'key':
      case 'keyOrEnd': {
        if (ch === '}' && expect === 'keyOrEnd') {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (ch !== '"') {
          const hint = ch === '}' ? ' (is there a comma before "}"?)' : '';
          return fail('syntax', `expected a property name in double quotes, found ${describeChar(ch)}${hint}`, i);
        }
        const end = scanString(i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
        continue;
      }
      case 'commaOrEnd': {
        const top = stack[stack.length - 1];
        if (ch === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
          continue;
        }
        if ((top === '{' && ch === '}') || (top === '[' && ch === ']')) {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        const close = top === '{' ? '}' : ']';
        return fail('syntax', `expected "," or "${close}", found ${describeChar(ch)}`, i);
      }
      case 'value':
      case 'valueOrEnd': {
        if (ch === ']' && expect === 'valueOrEnd') {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (ch === '{' || ch === '[') {
          if (stack.length >= maxDepth) {
            return fail('depth', `is nested deeper than ${maxDepth} levels; the limit is ${maxDepth}`, i);
          }
          stack.push(ch);
          i++;
          expect = ch === '{' ? 'keyOrEnd' : 'valueOrEnd';
          continue;
        }
        if (ch === '"') {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = afterValue();
          continue;
        }
        if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return fail('syntax', 'invalid number', i);
          i += m[0].length;
          expect = afterValue();
          continue;
        }
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          expect = afterValue();
          continue;
        }
        // Only '[' accepts an immediate ']', so a ']' here follows a comma.
        const hint = ch === ']' ? ' (is there a comma before "]"?)' : '';
        return fail('syntax', `expected a value, found ${describeChar(ch)}${hint}`, i);
      }
    }
  }
}
