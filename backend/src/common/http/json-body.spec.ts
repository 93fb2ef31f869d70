import { jsonShapeError } from './json-body.js';

const limits = { maxDepth: 3, maxKeys: 4 };

describe('jsonShapeError', () => {
  it('accepts bodies within the limits', () => {
    expect(jsonShapeError('{"a": {"b": [1, 2]}}', limits)).toBeNull();
    expect(jsonShapeError('[[["x"]]]', limits)).toBeNull();
    expect(jsonShapeError('"just a string"', limits)).toBeNull();
  });

  it('refuses nesting past the depth limit, objects and arrays alike', () => {
    expect(jsonShapeError('{"a": {"b": {"c": {}}}}', limits)).toBe('depth');
    expect(jsonShapeError('[[[[]]]]', limits)).toBe('depth');
    expect(jsonShapeError('['.repeat(500_000) + ']'.repeat(500_000))).toBe('depth');
  });

  it('counts keys across the whole body', () => {
    expect(jsonShapeError('{"a": 1, "b": 2, "c": {"d": 3}}', limits)).toBeNull();
    expect(jsonShapeError('{"a": 1, "b": 2, "c": {"d": 3, "e": 4}}', limits)).toBe('keys');
  });

  it('ignores brackets, colons and escaped quotes inside strings', () => {
    expect(jsonShapeError('{"a": "[[[[{{{{:::::", "b": "\\"[[[[:::"}', limits)).toBeNull();
    expect(jsonShapeError('{"k\\\\": "x", "a": {"b": {"c": {}}}}', limits)).toBe('depth');
  });
});
