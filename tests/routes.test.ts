import { matchRoute, type RestApi, type Route } from '../local/routes';
import { restApiOf } from '../local/routes';
import { templateFunctions } from '../local/functions';
import { readTemplate } from '../local/template';
import { FIXTURE_TEMPLATE } from './support/local-api';

const api: RestApi = restApiOf(
  templateFunctions(readTemplate(FIXTURE_TEMPLATE), FIXTURE_TEMPLATE),
  readTemplate(FIXTURE_TEMPLATE),
);
const functionFor = (method: string, path: string): string | undefined =>
  matchRoute(api, method, path)?.route.functionId;

describe('routes read from the template', () => {
  it('lists every Api event of the implicit API with its method', () => {
    const summary = api.routes.map(
      (route: Route) => `${route.method} ${route.resourcePath} ${route.functionId}`,
    );
    expect(summary).toEqual(
      expect.arrayContaining([
        'ANY /echo EchoFunction',
        'GET /items/{id} EchoFunction',
        'ANY /files/{proxy+} EchoFunction',
        'GET /items/special SpecialItemFunction',
        'POST /binary BinaryFunction',
      ]),
    );
    expect(api.binaryMediaTypes).toEqual(['image/png']);
  });

  it('matches ANY for every method and a single method only for itself', () => {
    expect(functionFor('DELETE', '/echo')).toBe('EchoFunction');
    expect(functionFor('POST', '/binary')).toBe('BinaryFunction');
    expect(functionFor('GET', '/binary')).toBeUndefined();
  });

  it('ranks literal over {param} over {proxy+}', () => {
    expect(functionFor('GET', '/items/special')).toBe('SpecialItemFunction');
    expect(matchRoute(api, 'GET', '/items/7')?.pathParameters).toEqual({ id: '7' });
    expect(matchRoute(api, 'GET', '/files/x')?.pathParameters).toEqual({ proxy: 'x' });
  });

  it('needs at least one segment for a greedy parameter', () => {
    expect(functionFor('GET', '/files')).toBeUndefined();
    expect(functionFor('GET', '/files/')).toBeUndefined();
  });
});
