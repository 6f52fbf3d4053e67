import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemplate } from '../../../emulator/template/load-template';
import { tempDir } from '../../support/temp-dirs';
import { resolveTemplate } from '../../../emulator/template/resolved-template';
import { parseTemplate } from '../../../emulator/template/template';
import { unresolvedNotices } from '../../../emulator/template/unresolved-notices';

const written = parseTemplate(`
Parameters:
  Stage: { Type: String, Default: dev }
  Issuer: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Globals:
  Function:
    Environment:
      Variables:
        STAGE: !Ref Stage
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      Auth: !If [IsProd, { DefaultAuthorizer: AWS_IAM }, !Ref AWS::NoValue]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
          TABLE_ARN: !GetAtt Table.Arn
          BIG: !If [IsProd, 'yes', !Ref AWS::NoValue]
      Events:
        Get: { Type: Api, Properties: { Path: /x, Method: get, RestApiId: !Ref Api } }
        Queue: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
  ProdOnly:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties: { Handler: a.b }
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Jwt: { JwtConfiguration: { issuer: !Ref Issuer, audience: [!ImportValue client-id] } }
  Method:
    Type: AWS::ApiGateway::Method
    Properties: { ResourceId: !GetAtt Rest.RootResourceId, RestApiId: !Ref Rest }
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: !ImportValue table-name } }
  Rest: { Type: AWS::ApiGateway::RestApi }
  ToQueue:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Rest
      Integration: { Type: AWS, Credentials: !GetAtt Role.Arn, Uri: !Sub 'arn:aws:apigateway:x:sqs:path/\${Queue.QueueName}' }
`);

describe('resolveTemplate: the template as SAM CLI reads it before serving it', () => {
  const { template, unresolved, absent } = resolveTemplate(written);
  const fn = template.Resources.Fn?.Properties ?? {};

  it('evaluates values in resources and Globals, and removes AWS::NoValue properties', () => {
    expect(template.Resources.Api?.Properties).toEqual({ StageName: 'dev' });
    expect(template.Globals?.Function).toEqual({ Environment: { Variables: { STAGE: 'dev' } } });
    expect(fn.Environment).toEqual({
      Variables: { TABLE: { Ref: 'Table' }, TABLE_ARN: { 'Fn::GetAtt': ['Table', 'Arn'] } },
    });
  });

  it('leaves out resources whose Condition is false, and keeps them when it is true', () => {
    expect(absent).toEqual(['ProdOnly']);
    expect(template.Resources.ProdOnly).toBeUndefined();
    const prod = resolveTemplate(written, { Stage: 'prod' });
    expect(prod.template.Resources.ProdOnly?.Properties).toEqual({ Handler: 'a.b' });
    expect(prod.template.Resources.Api?.Properties?.Auth).toEqual({ DefaultAuthorizer: 'AWS_IAM' });
  });

  it('keeps whole-value references to resources, which the readers follow', () => {
    expect(template.Resources.Method?.Properties).toEqual({
      ResourceId: { 'Fn::GetAtt': ['Rest', 'RootResourceId'] },
      RestApiId: { Ref: 'Rest' },
    });
    expect((fn.Events as Record<string, { Properties: unknown }>).Get?.Properties).toEqual({
      Path: '/x',
      Method: 'get',
      RestApiId: { Ref: 'Api' },
    });
  });

  it('records each value only a stack knows, where it is, as the template writes it', () => {
    expect(unresolved.map(({ subject, path, expression }) => [subject, path.join('.'), expression])).toEqual([
      ['Fn', 'Properties.Role', '!GetAtt Role.Arn'],
      ['Fn', 'Properties.Environment.Variables.TABLE_ARN', '!GetAtt Table.Arn'],
      ['Fn', 'Properties.Events.Queue.Properties.Queue', '!GetAtt Queue.Arn'],
      ['Http', 'Properties.Auth.Authorizers.Jwt.JwtConfiguration.issuer', '!Ref Issuer'],
      ['Http', 'Properties.Auth.Authorizers.Jwt.JwtConfiguration.audience.0', '!ImportValue client-id'],
      ['Table', 'Properties.TableName', '!ImportValue table-name'],
      ['ToQueue', 'Properties.Integration.Credentials', '!GetAtt Role.Arn'],
      ['ToQueue', 'Properties.Integration.Uri', '!Sub arn:aws:apigateway:x:sqs:path/${Queue.QueueName}'],
    ]);
  });

  it('names those the emulator reads, once each, and not a Role, an unserved event, a table or an integration it names as not emulated', () => {
    expect(unresolvedNotices(unresolved, template)).toEqual([
      {
        subject: 'Fn',
        text: 'Environment.Variables.TABLE_ARN: !GetAtt Table.Arn cannot be resolved locally (its value exists only in a deployed stack)',
      },
      {
        subject: 'Http',
        text: 'Auth.Authorizers.Jwt.JwtConfiguration.issuer: !Ref Issuer cannot be resolved locally (parameter Issuer has no Default: give it with --parameter-overrides Issuer=...)',
      },
      {
        subject: 'Http',
        text: 'Auth.Authorizers.Jwt.JwtConfiguration.audience.0: !ImportValue client-id cannot be resolved locally (its value exists only in a deployed stack)',
      },
    ]);
  });
});

describe('loadTemplate', () => {
  it('names an AWS::LanguageExtensions loop it does not expand', () => {
    const path = join(tempDir('for-each'), 'template.yaml');
    writeFileSync(
      path,
      'Resources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic${Name}: { Type: AWS::SNS::Topic }\n',
    );
    expect(loadTemplate(path).notices).toEqual([
      {
        subject: 'Fn::ForEach::Topics',
        text: 'Fn::ForEach is not expanded locally: the resources it makes are not served',
      },
    ]);
  });
});
