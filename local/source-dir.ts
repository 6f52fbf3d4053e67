/**
 * Where local/'s TypeScript sources are, whether this code runs from them (tsx, jest) or from the
 * transpiled copy local/launch.mjs makes, which tells its location through this variable.
 */
export const LOCAL_SOURCE_DIR = process.env.LOCAL_API_SOURCE_DIR ?? __dirname;
