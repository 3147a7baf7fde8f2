/**
 * Every command answers `--help` (or `-h`) with what it does and how it is called, and does nothing else. Called
 * first thing in each script, before it reads its arguments or touches the running stack.
 */
export function answerHelp(usage: string, args = process.argv.slice(2)) {
  if (!args.includes('--help') && !args.includes('-h')) return;
  console.log(usage.trim());
  process.exit(0);
}
