import 'aws-sdk-client-mock-jest';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { resolveStackUrls, StackOutputsError } from '../deployed/stack-outputs';

const cloudFormation = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: 'us-east-1' });

const serviceError = (name: string, message: string): CloudFormationServiceException =>
  new CloudFormationServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });

describe('resolveStackUrls', () => {
  beforeEach(() => cloudFormation.reset());

  it("reads the REST and WebSocket URLs from the stack's Outputs", async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'greeting',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(0),
          Outputs: [
            {
              OutputKey: 'HelloWorldApi',
              OutputValue: 'https://abc.execute-api.eu-west-1.amazonaws.com/Prod/helloworld',
            },
            { OutputKey: 'WebSocketUrl', OutputValue: 'wss://def.execute-api.eu-west-1.amazonaws.com/Prod' },
            { OutputKey: 'HelloWorldFunction', OutputValue: 'arn:aws:lambda:eu-west-1:1:function:x' },
          ],
        },
      ],
    });
    await expect(resolveStackUrls(client, 'greeting')).resolves.toEqual({
      restUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/Prod/helloworld',
      webSocketUrl: 'wss://def.execute-api.eu-west-1.amazonaws.com/Prod',
    });
    expect(cloudFormation).toHaveReceivedCommandWith(DescribeStacksCommand, { StackName: 'greeting' });
  });

  it('names a missing output', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'old',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(0),
          Outputs: [{ OutputKey: 'HelloWorldApi', OutputValue: 'https://abc/Prod/helloworld' }],
        },
      ],
    });
    await expect(resolveStackUrls(client, 'old')).rejects.toThrow(
      new StackOutputsError(
        'stack old has no output WebSocketUrl: deploy this template.yaml with sam deploy',
      ),
    );
  });

  it('says a missing stack does not exist', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(serviceError('ValidationError', 'Stack with id nope does not exist'));
    await expect(resolveStackUrls(client, 'nope')).rejects.toThrow(
      'stack nope does not exist in this account and region (set AWS_REGION or AWS_PROFILE?)',
    );
  });

  it('says when CloudFormation throttles', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(serviceError('Throttling', 'Rate exceeded'));
    await expect(resolveStackUrls(client, 'greeting')).rejects.toThrow(
      'CloudFormation throttled DescribeStacks; wait a moment and run again',
    );
  });
});
