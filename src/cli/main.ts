import { commands, type Command } from './commands.ts';
import { InputError, UsageError } from './args.ts';
import { CaptureError } from '../capture/frame.ts';
import { LessonError } from '../lessons/fence.ts';
import { NoBrowserError } from '../render/no-browser.ts';

const USAGE = `wirebook: SSL/TLS captures explained byte by byte

Usage: wirebook COMMAND [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run 'wirebook COMMAND --help' for a command's options.
Exit codes: 0 done, 2 usage error, 3 input unreadable.`;

function commandHelp(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.summary}\n\nOptions:\n${c.help}`;
}

/** Runs the wirebook command line; returns the exit code (0 done, 2 usage, 3 unreadable input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    const { WIREBOOK_VERSION } = await import('../model/serialize.ts');
    process.stdout.write(WIREBOOK_VERSION + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`wirebook: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(command) + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wirebook ${command.name}: ${e.message}\n\n${commandHelp(command)}\n`);
      return 2;
    }
    // Unreadable input, no browser for a PDF, a mistake in a lesson: the user's to mend (exit 3).
    if (e instanceof InputError || e instanceof CaptureError || e instanceof NoBrowserError || e instanceof LessonError) {
      process.stderr.write(`wirebook ${command.name}: ${e.message}\n`);
      return 3;
    }
    // The reader went away (`wirebook json big.pcap | head`): nothing is wrong with the input.
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw e;
  }
}
