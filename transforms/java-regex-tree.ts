/**
 * The syntax tree a Java pattern parses to, what Java's study() learns from it (a lookbehind needs
 * a known maximum length), and its translation to a JavaScript RegExp source for the `v` flag.
 */

export type Node =
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  /**
   * Anything emitted as is: a character, a class, an anchor. `max` is the length Java's study()
   * gives it; `charProperty` marks one-character matchers, which Java repeats specially.
   */
  | { kind: 'raw'; source: string; max: number; charProperty: boolean; deterministic: boolean }
  /** capture is the Java group number, or null for a non-capturing group. */
  | { kind: 'group'; capture: number | null; body: Node }
  | { kind: 'look'; behind: boolean; negate: boolean; body: Node }
  | { kind: 'atomic'; body: Node }
  | { kind: 'repeat'; body: Node; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive' }
  | { kind: 'backref'; group: number };

export const EMPTY: Node = { kind: 'seq', items: [] };

export const setNode = (set: string): Node => ({ kind: 'raw', source: set, max: 1, charProperty: true, deterministic: true });
export const zeroWidth = (source: string): Node => ({ kind: 'raw', source, max: 0, charProperty: false, deterministic: true });

const MAX_REPS = 0x7fffffff;

interface Study {
  max: number;
  valid: boolean;
  deterministic: boolean;
}

/**
 * Java's TreeInfo: the longest match and whether it is known. A lookbehind needs a known
 * maximum; Java's arithmetic (int overflow included) decides which repetitions keep one.
 */
export function study(node: Node): Study {
  switch (node.kind) {
    case 'raw':
      return { max: node.max, valid: true, deterministic: node.deterministic };
    case 'seq':
      return node.items.map(study).reduce((a, b) => ({ max: a.max + b.max, valid: a.valid && b.valid, deterministic: a.deterministic && b.deterministic }), {
        max: 0,
        valid: true,
        deterministic: true,
      });
    case 'alt': {
      const branches = node.branches.map(study);
      return { max: Math.max(...branches.map((b) => b.max)), valid: branches.every((b) => b.valid), deterministic: false };
    }
    case 'group':
    case 'atomic':
      return study(node.body);
    case 'look':
      return { max: 0, valid: true, deterministic: true };
    case 'backref':
      return { max: 0, valid: false, deterministic: true };
    case 'repeat':
      return studyRepeat(node);
  }
}

function studyRepeat(node: Extract<Node, { kind: 'repeat' }>): Study {
  const body = study(node.body);
  if (node.min === 0 && node.max === 1) return { ...body, deterministic: false };
  const cmax = node.max === Infinity ? MAX_REPS : node.max;
  // A group whose match can vary in shape becomes Java's Loop, which gives up on a maximum.
  if (node.body.kind === 'group' && node.mode !== 'possessive' && !body.deterministic) return { max: 0, valid: false, deterministic: false };
  // x*, x+, x{n,} of one character: Java counts MAX_REPS and keeps the maximum "known".
  if (node.body.kind === 'raw' && node.body.charProperty && node.mode === 'greedy' && node.max === Infinity) {
    return { max: body.max + MAX_REPS, valid: body.valid, deterministic: false };
  }
  const total = Math.imul(body.max, cmax);
  return { max: total, valid: body.valid && Math.trunc(total / cmax) === body.max, deterministic: body.deterministic && node.min === node.max };
}


// --- translation to JavaScript ---

/** JavaScript numbers groups by their opening parenthesis, counting the ones atomic groups add. */
class GroupNumbering {
  #last = 0;
  readonly javaToJs = new Map<number, number>();

  open(): number {
    return ++this.#last;
  }
}

// Back-references are written as placeholders first: a group may come after its reference.
const BACKREF_PLACEHOLDER = /\u0000(\d+)\u0000/g;

function emit(node: Node, groups: GroupNumbering): string {
  switch (node.kind) {
    case 'seq':
      return node.items.map((item) => emit(item, groups)).join('');
    case 'alt':
      return node.branches.map((branch) => emit(branch, groups)).join('|');
    case 'raw':
      return node.source;
    case 'group': {
      if (node.capture === null) return `(?:${emit(node.body, groups)})`;
      groups.javaToJs.set(node.capture, groups.open());
      return `(${emit(node.body, groups)})`;
    }
    case 'look': {
      const opener = `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}`;
      return `${opener}${emit(node.body, groups)})`;
    }
    case 'atomic':
      return atomic(() => emit(node.body, groups), groups);
    case 'repeat': {
      if (node.mode === 'possessive') return atomic(() => quantified(node, groups), groups);
      return quantified(node, groups);
    }
    case 'backref':
      return `\u0000${node.group}\u0000`;
  }
}

// JavaScript has no atomic groups; a lookahead that captures, then a back-reference that consumes
// what it captured, cannot be backtracked into.
function atomic(body: () => string, groups: GroupNumbering): string {
  const group = groups.open();
  return `(?=(${body()}))(?:\\${group})`;
}

function quantified(node: Extract<Node, { kind: 'repeat' }>, groups: GroupNumbering): string {
  const { min, max } = node;
  let quantifier: string;
  if (min === 0 && max === Infinity) quantifier = '*';
  else if (min === 1 && max === Infinity) quantifier = '+';
  else if (min === 0 && max === 1) quantifier = '?';
  else if (max === Infinity) quantifier = `{${min},}`;
  else if (min === max) quantifier = `{${min}}`;
  else quantifier = `{${min},${max}}`;
  return `(?:${emit(node.body, groups)})${quantifier}${node.mode === 'lazy' ? '?' : ''}`;
}

function resolveBackReferences(source: string, groups: GroupNumbering): string {
  return source.replace(BACKREF_PLACEHOLDER, (_placeholder, java: string) => {
    const js = groups.javaToJs.get(Number(java));
    // Java compiles a reference to a group that does not exist; it never matches.
    return js === undefined ? '(?!)' : `(?:\\${js})`;
  });
}


/** The JavaScript source for a tree, and the JavaScript group number of each Java group. */
export function toJavaScript(root: Node): { source: string; groups: ReadonlyMap<number, number> } {
  const numbering = new GroupNumbering();
  const source = resolveBackReferences(emit(root, numbering), numbering);
  return { source, groups: numbering.javaToJs };
}
