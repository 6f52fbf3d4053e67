import { renderMapping } from '../../../emulator/mapping/render-mapping';
import type { MappingInput } from '../../../emulator/mapping/mapping-variables';
import { escapeJavaScript, urlDecode, urlEncode } from '../../../emulator/mapping/util-functions';

const input = (body: string, overrides: Partial<MappingInput> = {}): MappingInput => ({
  body,
  params: { path: { id: '7' }, querystring: { q: 'search', id: 'query-id' }, header: { 'X-Tenant': 'acme' } },
  context: {
    requestId: 'req-1',
    stage: 'dev',
    identity: { sourceIp: '127.0.0.1' },
    authorizer: { principalId: 'me' },
  },
  stageVariables: { table: 'items' },
  ...overrides,
});

const render = (template: string, body = '{}'): string => renderMapping(template, input(body)).output;

describe('mapping templates (VTL) with API Gateway variables', () => {
  it('reads the body with $input.json, $input.path and $input.body', () => {
    const body = '{"pet": {"name": "Rex", "tags": ["a", "b"]}, "n": 3}';
    expect(render(`$input.json('$.pet')|$input.json('$.n')|$input.json('$.pet.tags[1]')`, body)).toBe(
      '{"name":"Rex","tags":["a","b"]}|3|"b"',
    );
    expect(render(`#set($p = $input.path('$.pet'))$p.name has $p.tags.size() tags`, body)).toBe(
      'Rex has 2 tags',
    );
    expect(render('$input.body', body)).toBe(body);
  });

  it('gives an empty string for a path that selects nothing', () => {
    expect(render(`[$input.json('$.missing')][$input.path('$.missing')]`)).toBe('[][]');
  });

  it('finds $input.params(name) in the path, then the query string, then the headers', () => {
    expect(
      render(`$input.params('id') $input.params('q') $input.params('X-Tenant') [$input.params('none')]`),
    ).toBe('7 search acme []');
    expect(render(`#foreach($h in $input.params().header.keySet())$h#end`)).toBe('X-Tenant');
  });

  it('reads $context, $stageVariables and the authorizer', () => {
    expect(
      render(
        '$context.requestId $context.stage $context.identity.sourceIp $stageVariables.table $context.authorizer.principalId',
      ),
    ).toBe('req-1 dev 127.0.0.1 items me');
  });

  it('runs #if, #foreach and Java string methods as Velocity on the JVM does', () => {
    const body = '{"items": [{"id": "a"}, {"id": "b"}], "name": "Ana Bell"}';
    expect(render(`#foreach($i in $input.path('$.items'))$i.id#if($foreach.hasNext),#end#end`, body)).toBe(
      'a,b',
    );
    expect(
      render(
        `#set($n = $input.path('$.name'))$n.length() $n.contains("Bell") $n.replaceAll(" ", "_") $n.toUpperCase()`,
        body,
      ),
    ).toBe('8 true Ana_Bell ANA BELL');
    expect(render(`#if($input.path('$.name').isEmpty())empty#{else}named#end`, body)).toBe('named');
  });

  it('returns the status and headers set through $context.responseOverride', () => {
    const { output, statusOverride, headerOverrides } = renderMapping(
      '#set($context.responseOverride.status = 201)#set($context.responseOverride.header.Location = "/items/$input.params(\'id\')")done',
      input('{}'),
    );
    expect({ output, statusOverride, headerOverrides }).toEqual({
      output: 'done',
      statusOverride: 201,
      headerOverrides: { Location: '/items/7' },
    });
  });

  it('throws a 400-worthy error when a template reads a body that is not JSON, and not when it only echoes it', () => {
    expect(() => render(`$input.json('$')`, 'not json')).toThrow(/^Could not parse request body into json: /);
    expect(render('$input.body', 'not json')).toBe('not json');
  });
});

describe('$util', () => {
  it('escapeJavaScript escapes as Apache Commons does: quotes, slash, controls, non-ASCII', () => {
    expect(escapeJavaScript(`He said "hi" & it's 1/2\n\tdone é€`)).toBe(
      `He said \\"hi\\" & it\\'s 1\\/2\\n\\tdone \\u00E9\\u20AC`,
    );
  });

  it('urlEncode and urlDecode as java.net.URLEncoder/URLDecoder', () => {
    expect(urlEncode("a b&c=d/é*~'")).toBe('a+b%26c%3Dd%2F%C3%A9*%7E%27');
    expect(urlDecode('a+b%26c')).toBe('a b&c');
  });

  it('base64Encode, base64Decode and parseJson inside a template', () => {
    expect(
      render(`$util.base64Encode("hé")|$util.base64Decode("aMOp")|$util.parseJson('{"a": [1, 2]}').a.size()`),
    ).toBe('aMOp|hé|2');
  });
});
