import { matchRoute } from '../../../emulator/gateway/route-matching';
import { templateFunctions } from '../../../emulator/template/functions';
import type { RestApi } from '../../../emulator/template/rest-api-model';
import { restApisOf } from '../../../emulator/template/rest-apis';
import { readTemplate } from '../../../emulator/template/template';
import { FIXTURE_TEMPLATE } from '../../support/local-api';

const [api] = restApisOf(
  templateFunctions(readTemplate(FIXTURE_TEMPLATE), FIXTURE_TEMPLATE).functions,
  readTemplate(FIXTURE_TEMPLATE),
  FIXTURE_TEMPLATE,
).apis as [RestApi];
const functionFor = (method: string, path: string): string | undefined =>
  matchRoute(api.routes, method, path)?.route.functionId;

describe('the route API Gateway picks for a request', () => {
  it('matches ANY for every method and a single method only for itself', () => {
    expect(functionFor('DELETE', '/echo')).toBe('EchoFunction');
    expect(functionFor('POST', '/binary')).toBe('BinaryFunction');
    expect(functionFor('GET', '/binary')).toBeUndefined();
  });

  it('ranks literal over {param} over {proxy+}', () => {
    expect(functionFor('GET', '/items/special')).toBe('SpecialItemFunction');
    expect(matchRoute(api.routes, 'GET', '/items/7')?.pathParameters).toEqual({ id: '7' });
    expect(matchRoute(api.routes, 'GET', '/files/x')?.pathParameters).toEqual({ proxy: 'x' });
  });

  it('needs at least one segment for a greedy parameter', () => {
    expect(functionFor('GET', '/files')).toBeUndefined();
    expect(functionFor('GET', '/files/')).toBeUndefined();
  });
});
