import { BadRequest, MAX_FIELD_LENGTH, parseJsonObject, readField } from '../../hello-world/input-rules';

describe('readField', () => {
  it.each([undefined, null, '', '   ', '\t\n'])('treats %j as absent', (value) => {
    expect(readField('name', value)).toBeUndefined();
  });

  it('trims values', () => {
    expect(readField('city', '  Seattle ')).toBe('Seattle');
  });

  it.each([
    [1800, '"time" must be a string, not a number'],
    [true, '"time" must be a string, not a boolean'],
    [['evening'], '"time" must be a string, not an array'],
    [{ at: 6 }, '"time" must be a string, not an object'],
  ])('rejects %j naming the field', (value, message) => {
    expect(() => readField('time', value)).toThrow(new BadRequest(message));
  });

  it('counts code points, not UTF-16 units', () => {
    const emoji = '😀'.repeat(MAX_FIELD_LENGTH);
    expect(emoji.length).toBe(2 * MAX_FIELD_LENGTH);
    expect(readField('name', emoji)).toBe(emoji);
    expect(() => readField('name', `${emoji}a`)).toThrow('"name" must be at most 100 characters');
  });

  it('measures the length after trimming', () => {
    expect(readField('name', ` ${'a'.repeat(MAX_FIELD_LENGTH)} `)).toBe('a'.repeat(MAX_FIELD_LENGTH));
  });
});

describe('parseJsonObject', () => {
  it('returns a JSON object', () => {
    expect(parseJsonObject('{"time":"noon"}', 'body')).toEqual({ time: 'noon' });
  });

  it.each([
    ['{', 'body is not valid JSON'],
    ['[]', 'body must be a JSON object, not an array'],
    ['null', 'body must be a JSON object, not null'],
    ['42', 'body must be a JSON object, not a number'],
    ['"evening"', 'body must be a JSON object, not a string'],
  ])('rejects %s', (text, message) => {
    expect(() => parseJsonObject(text, 'body')).toThrow(new BadRequest(message));
  });
});
