import { templateFunctions } from '../../../emulator/template/functions';
import type { RestApi, Route } from '../../../emulator/template/rest-api-model';
import { restApisOf } from '../../../emulator/template/rest-apis';
import { readTemplate } from '../../../emulator/template/template';
import { FIXTURE_TEMPLATE } from '../../support/local-api';

const [api] = restApisOf(
  templateFunctions(readTemplate(FIXTURE_TEMPLATE), FIXTURE_TEMPLATE).functions,
  readTemplate(FIXTURE_TEMPLATE),
  FIXTURE_TEMPLATE,
).apis as [RestApi];

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
