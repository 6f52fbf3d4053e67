import { greet } from '../../hello-world/greeting';

describe('greet', () => {
  it('builds the tutorial sentence with every field', () => {
    expect(greet({ name: 'John', city: 'Seattle', time: 'evening', day: 'Thursday' })).toBe(
      'Good evening, John of Seattle. Happy Thursday!',
    );
  });

  it('uses the defaults you, World and day, and leaves out the day sentence', () => {
    expect(greet({})).toBe('Good day, you of World.');
  });

  it('adds the day sentence only when a day is given', () => {
    expect(greet({ name: 'Ada', day: 'Monday' })).toBe('Good day, Ada of World. Happy Monday!');
    expect(greet({ name: 'Ada', time: 'morning' })).toBe('Good morning, Ada of World.');
  });
});
