/**
 * The function a Lambda integration URI names, as templates write it: `${Fn.Arn}` in a !Sub, or
 * !GetAtt Fn.Arn inside a !Join or !Sub list. Undefined when it names none of this template's.
 */
export function functionOfUri(uri: unknown): string | undefined {
  const text = JSON.stringify(uri ?? null);
  return (
    /\$\{([A-Za-z0-9]+)\.Arn\}/.exec(text)?.[1] ?? /"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/.exec(text)?.[1]
  );
}
