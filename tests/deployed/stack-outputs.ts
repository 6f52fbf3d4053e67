import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/** The deployed stack's URLs, from the Outputs template.yaml declares. */
export interface StackUrls {
  restUrl: string;
  webSocketUrl: string;
}

/** A reason the deployed suite cannot run, said in one line. */
export class StackOutputsError extends Error {
  override readonly name = 'StackOutputsError';
}

const OUTPUTS = { restUrl: 'HelloWorldApi', webSocketUrl: 'WebSocketUrl' } as const;

/** A client that gives up quickly: a wrong endpoint or missing credentials fail in seconds, never hang. */
export function cloudFormationClient(): CloudFormationClient {
  return new CloudFormationClient({
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  });
}

export async function resolveStackUrls(client: CloudFormationClient, stackName: string): Promise<StackUrls> {
  let outputs: { OutputKey?: string; OutputValue?: string }[];
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Stacks?.[0]?.Outputs ?? [];
  } catch (error) {
    throw new StackOutputsError(describeFailure(error, stackName), { cause: error });
  }
  const value = (key: string): string => {
    const found = outputs.find((output) => output.OutputKey === key)?.OutputValue;
    if (found === undefined) {
      throw new StackOutputsError(
        `stack ${stackName} has no output ${key}: deploy this template.yaml with sam deploy`,
      );
    }
    return found;
  };
  return { restUrl: value(OUTPUTS.restUrl), webSocketUrl: value(OUTPUTS.webSocketUrl) };
}

function describeFailure(error: unknown, stackName: string): string {
  const { name = '', message = String(error) } = error as { name?: string; message?: string };
  if (name === 'ValidationError' && message.includes('does not exist')) {
    return `stack ${stackName} does not exist in this account and region (set AWS_REGION or AWS_PROFILE?)`;
  }
  if (name === 'Throttling' || name === 'ThrottlingException') {
    return 'CloudFormation throttled DescribeStacks; wait a moment and run again';
  }
  if (name === 'CredentialsProviderError') return `no AWS credentials: ${message}`;
  return `cannot describe stack ${stackName}: ${name === '' ? '' : `${name}: `}${message.split('\n')[0] ?? ''}`;
}
