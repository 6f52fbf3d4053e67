import { restEventExpectations } from '../event-expectations';
import { eventFileNames, readRestEvent } from '../support/events';
import { invokeRest } from '../support/handler';

const restEvents = eventFileNames().filter((name) => !name.startsWith('ws-'));

describe('every REST sample event in events/', () => {
  it('has a stated expectation, and every expectation has its event file', () => {
    expect(restEvents).toEqual(Object.keys(restEventExpectations).sort());
  });

  it.each(restEvents)('%s gives its stated status and body', async (fileName) => {
    const expected = restEventExpectations[fileName];
    if (expected === undefined) throw new Error(`no expectation stated for events/${fileName}`);
    const { result } = await invokeRest(readRestEvent(fileName));
    expect(result.statusCode).toBe(expected.statusCode);
    expect(JSON.parse(result.body)).toEqual(expected.body);
  });
});
