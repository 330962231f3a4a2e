// One API request on a resource, as the handlers see it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Representation } from './http/negotiate';
import type { ResourceInfo } from './resources';

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  query: URLSearchParams;
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  representation: Representation;
  pretty: boolean;
}
