/** The stages of a REST request whose integration is not a Lambda proxy, in the order they run. */
export const NON_PROXY_STAGES = [
  'Front door',
  'Route',
  'Method request',
  'Integration request',
  'Integration response',
  'Method response',
  'Method completed',
];
