/**
 * The command line with every value that follows `option` given to it, as SAM CLI's options that
 * take several values read it: `--parameter-overrides A=1 B=2 --port 0` becomes
 * `--parameter-overrides A=1 --parameter-overrides B=2 --port 0`. A value is a `Key=Value` or
 * `file://` argument; the first other argument ends the list, so positionals after it stay.
 */
export function spreadOptionValues(argv: string[], option: string): string[] {
  const spread: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    spread.push(arg);
    if (arg !== option) continue;
    spread.push(argv[++index] ?? '');
    while (index + 1 < argv.length && isValue(argv[index + 1] ?? ''))
      spread.push(option, argv[++index] ?? '');
  }
  return spread;
}

function isValue(arg: string): boolean {
  return !arg.startsWith('--') && (arg.includes('=') || arg.startsWith('file://'));
}
