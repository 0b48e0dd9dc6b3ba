import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../server/import/json-text';

const errorOf = (text: string) => {
  try {
    parseJsonText(text);
  } catch (error) {
    return (error as Error).message;
  }
  return 'parsed';
};

describe('JSON errors by line and column', () => {
  it('points at the place an editor shows, whatever the line endings', () => {
    expect(errorOf('{\n  "a": 1,\n  "b": 2\n  "c": 3\n}')).toBe(
      "line 4, column 3: Expected ',' or '}' after property value",
    );
    expect(errorOf('{\r\n  "a": 1,,\r\n}')).toBe(
      'line 2, column 10: Expected double-quoted property name',
    );
    expect(errorOf('{\r  "a": 1,\r  "b": }')).toBe("line 3, column 8: Unexpected token '}'");
  });

  it('places errors that V8 reports without a position', () => {
    // V8 says only `Unexpected token '}', "{ "a": tru}" is not valid JSON` here.
    expect(errorOf('{\n "a": tru}')).toBe("line 2, column 10: Unexpected token '}'");
    expect(errorOf('{"a": [1, 2,]}')).toBe("line 1, column 13: Unexpected token ']'");
  });

  it('names the end of a truncated file and text after the value', () => {
    expect(errorOf('{\n  "a": {\n')).toBe("line 3, column 1: Expected property name or '}'");
    expect(errorOf('{\n  "a": [1')).toBe(
      "line 2, column 10: Expected ',' or ']' after array element",
    );
    expect(errorOf('{"a": 1}\n\n}')).toBe(
      'line 3, column 1: Unexpected non-whitespace character after JSON',
    );
    expect(parseJsonText('{"a": [1]}')).toEqual({ a: [1] });
  });
});
