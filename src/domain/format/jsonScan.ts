// A syntax check of JSON text that runs before JSON.parse: a loop with an explicit stack,
// no recursion, so hostile input (a million nested brackets) cannot blow the stack. It also
// gives one wording and a line/column for every syntax error, whatever the JS engine says,
// and a code for each, so the UI can say it in the user's language.

/** What breaks the syntax; `found` is the offending character as JSON writes it (`"}"`). */
export type JsonSyntaxError =
  | { code: 'emptyFile' | 'unexpectedEnd' | 'invalidNumber' | 'invalidEscape' | 'invalidUnicodeEscape' | 'controlCharacter' | 'unclosedString' }
  | { code: 'textAfterEnd' | 'expectedColon' | 'expectedKey' | 'expectedValue' | 'trailingComma'; found: string }
  | { code: 'expectedCommaOrClose'; found: string; close: '}' | ']' };

export type JsonScanResult =
  | { ok: true }
  | { ok: false; reason: 'syntax'; error: JsonSyntaxError; message: string; line: number; column: number }
  | { ok: false; reason: 'depth'; message: string; line: number; column: number };

/** The English wording of a syntax error. */
export function describeJsonSyntax(error: JsonSyntaxError): string {
  switch (error.code) {
    case 'emptyFile':
      return 'the file is empty';
    case 'unexpectedEnd':
      return 'unexpected end of the file';
    case 'invalidNumber':
      return 'invalid number';
    case 'invalidEscape':
      return 'invalid escape in a string';
    case 'invalidUnicodeEscape':
      return 'invalid \\u escape in a string';
    case 'controlCharacter':
      return 'a line break or control character inside a string (write it as \\n)';
    case 'unclosedString':
      return 'a string is not closed with "';
    case 'textAfterEnd':
      return `unexpected ${error.found} after the end of the data`;
    case 'expectedColon':
      return `expected ":" after a property name, found ${error.found}`;
    case 'expectedKey':
      return `expected a property name in double quotes, found ${error.found}`;
    case 'expectedValue':
      return `expected a value, found ${error.found}`;
    case 'trailingComma':
      // Only a closing bracket right after a comma gets here: '}' where a name was due, ']' where a value was.
      return error.found === '"}"'
        ? `expected a property name in double quotes, found "}" (is there a comma before "}"?)`
        : `expected a value, found "]" (is there a comma before "]"?)`;
    case 'expectedCommaOrClose':
      return `expected "," or "${error.close}", found ${error.found}`;
  }
}

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

const quoted = (ch: string): string => JSON.stringify(ch);

/** Checks JSON syntax and nesting depth without building anything. */
export function scanJson(text: string, maxDepth: number): JsonScanResult {
  const stack: string[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const n = text.length;

  const fail = (error: JsonSyntaxError, at: number): JsonScanResult => ({
    ok: false,
    reason: 'syntax',
    error,
    message: describeJsonSyntax(error),
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
          if (!HEX4.test(text.slice(j + 2, j + 6))) return fail({ code: 'invalidUnicodeEscape' }, j);
          j += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail({ code: 'invalidEscape' }, j);
        j += 2;
        continue;
      }
      if (c < 0x20) return fail({ code: 'controlCharacter' }, j);
      j++;
    }
    return fail({ code: 'unclosedString' }, start);
  };

  while (true) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    if (i >= n) {
      if (expect === 'end') return { ok: true };
      return fail({ code: n === 0 || (stack.length === 0 && expect === 'value') ? 'emptyFile' : 'unexpectedEnd' }, i);
    }
    const ch = text[i]!;
    switch (expect) {
      case 'end':
        return fail({ code: 'textAfterEnd', found: quoted(ch) }, i);
      case 'colon':
        if (ch !== ':') return fail({ code: 'expectedColon', found: quoted(ch) }, i);
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
          return fail({ code: ch === '}' ? 'trailingComma' : 'expectedKey', found: quoted(ch) }, i);
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
        return fail({ code: 'expectedCommaOrClose', found: quoted(ch), close }, i);
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
            return {
              ok: false,
              reason: 'depth',
              message: `is nested deeper than ${maxDepth} levels; the limit is ${maxDepth}`,
              ...lineColumn(text, i),
            };
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
          if (!m) return fail({ code: 'invalidNumber' }, i);
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
        return fail({ code: ch === ']' ? 'trailingComma' : 'expectedValue', found: quoted(ch) }, i);
      }
    }
  }
}
