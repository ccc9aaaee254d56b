/**
 * The words of a local command that may name files (pure): every argument,
 * and the words of arguments that are shell text (`sh -c "python3 job.py"`),
 * split at blanks and shell punctuation. Options (`-x`, `--flag=…`),
 * assignments (`A=b`) and the targets of output redirections (`> out.txt`,
 * `>> log`: what the command writes is not what it depends on) are left out;
 * whether a word names a file is for the input-file port to find out.
 */

/** An output redirection and its target: `>`, `>>`, `>|`, `&>`, `2>` followed by a word. */
const OUTPUT_REDIRECT = /(?:\d*|&)>[>|]?\s*[^\s;|&<>()]+/g;

/** At most this many words are offered per command. */
const MAX_WORDS = 256;

export function commandWords(command: readonly string[] | undefined): string[] {
  const words = new Set<string>();
  for (const arg of command ?? []) {
    for (const word of arg.replace(OUTPUT_REDIRECT, ' ').split(/[\s;|&<>()`'"$]+/)) {
      if (word === '' || word.startsWith('-') || word.includes('=') || word.includes('*')) continue;
      words.add(word);
      if (words.size >= MAX_WORDS) return [...words];
    }
  }
  return [...words];
}
