import { randomBytes } from 'node:crypto';
import type { Notice } from './notices';
import { IMPLICIT_API } from './rest-api-model';
import type { Template } from './template';

const refOf = (value: unknown): unknown => (value as { Ref?: unknown } | null)?.Ref;

/** A value like the ones API Gateway generates, for a key whose value the template leaves to AWS. */
function generatedKeyValue(): string {
  return randomBytes(30)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40);
}

/**
 * The API keys of a template and the APIs (by logical id) whose usage plans they belong to, as
 * API Gateway checks them: `AWS::ApiGateway::ApiKey` + `UsagePlan` + `UsagePlanKey`, and the ones SAM
 * creates for `Auth: UsagePlan: CreateUsagePlan: PER_API | SHARED`. A key whose value AWS would
 * generate gets a local one, said at start-up.
 */
export class ApiKeys {
  private readonly byApi = new Map<string, Map<string, string>>();

  /**
   * @param generated the local values already given to keys AWS would generate, by key id: kept
   * when the template is read again, so that clients' keys stay valid.
   */
  constructor(
    template: Template,
    notices: Notice[],
    private readonly generated = new Map<string, string>(),
  ) {
    const resources = Object.entries(template.Resources);
    const values = new Map<string, string>();
    for (const [id, resource] of resources) {
      if (resource.Type !== 'AWS::ApiGateway::ApiKey') continue;
      // CloudFormation creates an API key disabled unless it says Enabled.
      if (resource.Properties?.Enabled !== true) continue;
      values.set(id, this.valueOf(id, resource.Properties.Value, notices));
    }
    const plans = new Map<string, string[]>();
    for (const [id, resource] of resources) {
      if (resource.Type !== 'AWS::ApiGateway::UsagePlan') continue;
      const stages = Array.isArray(resource.Properties?.ApiStages) ? resource.Properties.ApiStages : [];
      plans.set(
        id,
        stages.flatMap((stage: unknown) => {
          const api = refOf((stage as { ApiId?: unknown } | null)?.ApiId);
          return typeof api === 'string' ? [api] : [];
        }),
      );
    }
    for (const [, resource] of resources) {
      if (resource.Type !== 'AWS::ApiGateway::UsagePlanKey') continue;
      const keyId = refOf(resource.Properties?.KeyId);
      const planId = refOf(resource.Properties?.UsagePlanId);
      const value = typeof keyId === 'string' ? values.get(keyId) : undefined;
      if (value === undefined || typeof keyId !== 'string' || typeof planId !== 'string') continue;
      for (const api of plans.get(planId) ?? []) this.add(api, value, keyId);
    }
    let shared: string | undefined;
    const usagePlanOf = (auth: unknown): { CreateUsagePlan?: unknown } | undefined =>
      (auth as { UsagePlan?: { CreateUsagePlan?: unknown } } | undefined)?.UsagePlan;
    const globalPlan = usagePlanOf(template.Globals?.Api?.Auth);
    const serverlessApis: [string, unknown][] = [
      [IMPLICIT_API, undefined],
      ...resources
        .filter(([, resource]) => resource.Type === 'AWS::Serverless::Api')
        .map(([id, resource]): [string, unknown] => [id, resource.Properties?.Auth]),
    ];
    for (const [id, auth] of serverlessApis) {
      const usagePlan = usagePlanOf(auth) ?? globalPlan;
      if (usagePlan?.CreateUsagePlan === 'PER_API') {
        this.add(id, this.valueOf(`${id}ApiKey`, undefined, notices), `${id}ApiKey`);
      } else if (usagePlan?.CreateUsagePlan === 'SHARED') {
        shared ??= this.valueOf('ServerlessApiKey', undefined, notices);
        this.add(id, shared, 'ServerlessApiKey');
      }
    }
  }

  /** The keys valid for an API: value → key id. */
  of(apiLogicalId: string): Map<string, string> {
    return this.byApi.get(apiLogicalId) ?? new Map<string, string>();
  }

  private add(apiLogicalId: string, value: string, keyId: string): void {
    const keys = this.byApi.get(apiLogicalId) ?? new Map<string, string>();
    keys.set(value, keyId);
    this.byApi.set(apiLogicalId, keys);
  }

  private valueOf(id: string, value: unknown, notices: Notice[]): string {
    if (typeof value === 'string') return value;
    const generated = this.generated.get(id) ?? generatedKeyValue();
    this.generated.set(id, generated);
    notices.push({
      subject: id,
      text:
        value === undefined
          ? `AWS generates this API key's value; locally it is ${generated} (send it as x-api-key)`
          : `this API key's value is known only in a deployed stack; locally it is ${generated} (send it as x-api-key)`,
    });
    return generated;
  }
}
