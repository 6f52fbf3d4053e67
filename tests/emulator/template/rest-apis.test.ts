import { templateFunctions } from '../../../emulator/template/functions';
import { restApiOf, type RestApi, type Route } from '../../../emulator/template/rest-apis';
import { readTemplate } from '../../../emulator/template/template';
import { FIXTURE_TEMPLATE } from '../../support/local-api';

const api: RestApi = restApiOf(
  templateFunctions(readTemplate(FIXTURE_TEMPLATE), FIXTURE_TEMPLATE).functions,
  readTemplate(FIXTURE_TEMPLATE),
);

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
});
