import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { lambdaHandler } from '../../hello-world/app';
import { createLambdaContext } from '../../emulator/runtime/lambda/lambda-context';

/** Invokes the REST handler as Lambda would, with console output silenced and kept for assertions. */
export async function invokeRest(
  event: APIGatewayProxyEvent,
): Promise<{ result: APIGatewayProxyResult; logs: unknown[][] }> {
  const logs: unknown[][] = [];
  const spy = jest.spyOn(console, 'info').mockImplementation((...args: unknown[]) => {
    logs.push(args);
  });
  try {
    const context = createLambdaContext({ functionName: 'HelloWorldFunction' });
    return { result: await lambdaHandler(event, context), logs };
  } finally {
    spy.mockRestore();
  }
}
