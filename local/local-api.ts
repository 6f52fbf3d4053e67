import { readEnvVarsFile, undeclaredOverrides } from './environment';
import { templateFunctions } from './functions';
import { LocalFunctions } from './local-functions';
import { restApiOf, type RestApi } from './routes';
import { serveRestApi, serverUrl } from './server';
import { readTemplate } from './template';

export interface LocalApiOptions {
  templatePath: string;
  host: string;
  port: number;
  envVarsPath?: string;
  apiTimeoutMs?: number;
  watch?: boolean;
  log?: (line: string) => void;
}

export interface LocalApi {
  url: string;
  api: RestApi;
  close: () => Promise<void>;
}

/** The whole pipeline: template → routes → (per request) event → invoke → result. */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const log = options.log ?? console.log;
  const template = readTemplate(options.templatePath);
  const functions = templateFunctions(template, options.templatePath);
  const envVars = options.envVarsPath === undefined ? {} : readEnvVarsFile(options.envVarsPath);
  for (const fn of functions) {
    const ignored = undeclaredOverrides(fn, envVars);
    if (ignored.length > 0)
      log(`--env-vars: ${fn.id} does not declare ${ignored.join(', ')} in the template; ignored`);
  }
  const api = restApiOf(functions, template);
  const served = functions.filter((fn) => api.routes.some((route) => route.functionId === fn.id));
  const local = await LocalFunctions.start(served, { envVars, log, watch: options.watch ?? false });
  try {
    const server = await serveRestApi(api, local, { ...options, log });
    return {
      url: serverUrl(server),
      api,
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await local.close();
      },
    };
  } catch (error) {
    await local.close();
    throw error;
  }
}
