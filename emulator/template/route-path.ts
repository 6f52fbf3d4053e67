// A route's path as both API Gateways read it, segment by segment.

export type Segment = { literal: string } | { param: string; greedy: boolean };

/** What matching needs of a route, REST or HTTP API. */
export interface MatchableRoute {
  /** Upper case, or ANY. */
  method: string;
  segments: Segment[];
}

/** `/items/{id}/{proxy+}` as its segments. */
export function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const param = /^\{([^}]+?)(\+)?\}$/.exec(part);
      return param?.[1] === undefined ? { literal: part } : { param: param[1], greedy: param[2] === '+' };
    });
}
