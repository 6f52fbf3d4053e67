/** `Metadata.BuildProperties` of an esbuild-built SAM function (the keys SAM documents). */
export interface BuildProperties {
  EntryPoints?: string[];
  Minify?: boolean;
  Target?: string;
  Sourcemap?: boolean;
  Format?: 'cjs' | 'esm';
  External?: string[];
  MainFields?: string | string[];
  Banner?: string | string[];
  Loader?: string[];
  OutExtension?: string[];
  /** `sam build` installs with `npm ci` from CodeUri's lockfile; the emulator uses what is installed. */
  UseNpmCi?: boolean;
}
