// "Invoke a function": an event from events/ (or written by hand), sent to the local Invoke API.
import { byId, prettyText } from './dom';

/** The invoke form: a function, an event from events/ (or written by hand), sent to the local Invoke API. */
export function setUpInvokeForm(functions: string[], events: { name: string; body: string }[]): void {
  if (functions.length === 0) {
    byId('invoke-section').hidden = true;
    return;
  }
  const form = byId('invoke-form') as HTMLFormElement;
  const functionSelect = byId('invoke-functions') as HTMLSelectElement;
  const eventSelect = byId('invoke-events') as HTMLSelectElement;
  const eventText = form.elements.namedItem('event') as HTMLTextAreaElement;
  functionSelect.replaceChildren(...functions.map((name) => new Option(name, name)));
  eventSelect.replaceChildren(
    new Option('(write it below)', ''),
    ...events.map(({ name }) => new Option(name, name)),
  );
  eventSelect.addEventListener('change', () => {
    const chosen = events.find(({ name }) => name === eventSelect.value);
    if (chosen !== undefined) eventText.value = chosen.body;
  });
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void (async () => {
      const response = await fetch(
        `/2015-03-31/functions/${encodeURIComponent(functionSelect.value)}/invocations`,
        { method: 'POST', body: eventText.value },
      );
      const error = response.headers.get('x-amz-function-error');
      byId('invoke-status').textContent =
        `${response.status}${error === null ? '' : `, function error (${error})`}`;
      byId('invoke-payload').textContent = prettyText(await response.text());
      byId('invoke-result').hidden = false;
    })();
  });
}
