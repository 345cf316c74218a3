/**
 * The providers' `match` patterns (SPEC §4): `*` stands for any run of characters, possibly empty;
 * everything else is literal. A pattern matches the whole name, ignoring case, because clients spell
 * model names loosely (`Claude-Opus-5-5`) and the catalog lookup forgives case too.
 */
export function globToRegExp(pattern: string): RegExp {
  const literal = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}$`, 'is');
}

// Patterns come from the catalog, a handful per provider: compile each once per process.
const compiled = new Map<string, RegExp>();

export function matchesGlob(name: string, pattern: string): boolean {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    regExp = globToRegExp(pattern);
    compiled.set(pattern, regExp);
  }
  return regExp.test(name);
}
