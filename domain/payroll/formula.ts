/**
 * Salary formulas: parsed by jsep 1.6.0 into a syntax tree, then checked and compiled by our own
 * walker, which accepts only number literals, names on an allowlist, + - * /, comparisons,
 * && || !, `?:` and calls to min, max, abs, floor and ceil (libraries.md §4: the only option that
 * refuses unknown names when saved and gives no way to anything but the formula's inputs). Nothing
 * reaches `eval`, `Function` or an object's properties: names are looked up in a Map, so
 * `constructor`, `__proto__`, `this`, globals and member access are refused at compile time.
 * Values are exact rationals (money.ts); a division by a constant zero is refused when saved, a
 * division by a value that is zero at run time fails that evaluation only.
 */
import jsep from 'jsep';
import { add, cmp, div, floor, fromInt, isZero, mul, ONE, parseDecimal, ratio, sub, ZERO, type Ratio } from './money.ts';

export const MAX_FORMULA_LENGTH = 500;
const MAX_DEPTH = 40;

type BinaryOperator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
const BINARY: readonly BinaryOperator[] = ['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '&&', '||'];
type FunctionName = 'min' | 'max' | 'abs' | 'floor' | 'ceil';
const FUNCTIONS: ReadonlyMap<string, { min: number; max: number }> = new Map([
  ['min', { min: 2, max: 10 }],
  ['max', { min: 2, max: 10 }],
  ['abs', { min: 1, max: 1 }],
  ['floor', { min: 1, max: 1 }],
  ['ceil', { min: 1, max: 1 }],
]);

/** A checked formula: only these nodes exist. */
export type Formula =
  | { kind: 'number'; value: Ratio }
  | { kind: 'name'; name: string }
  | { kind: 'unary'; operator: '-' | '!'; argument: Formula }
  | { kind: 'binary'; operator: BinaryOperator; left: Formula; right: Formula }
  | { kind: 'conditional'; test: Formula; then: Formula; otherwise: Formula }
  | { kind: 'call'; name: FunctionName; args: Formula[] };

export type CompileResult = { ok: true; formula: Formula; names: string[] } | { ok: false; problem: string };

class FormulaProblem extends Error {}

/** Names a formula reads; `isKnown` says which names exist (inputs and other components). */
export function compileFormula(source: string, isKnown: (name: string) => boolean): CompileResult {
  if (typeof source !== 'string' || source.trim() === '') return { ok: false, problem: 'the formula is empty' };
  if (source.length > MAX_FORMULA_LENGTH) return { ok: false, problem: `the formula is longer than ${MAX_FORMULA_LENGTH} characters` };
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    return { ok: false, problem: `it does not parse: ${(error as Error).message}` };
  }
  const names = new Set<string>();
  try {
    const formula = check(tree, isKnown, names, 0);
    return { ok: true, formula, names: [...names] };
  } catch (error) {
    if (error instanceof FormulaProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

function check(node: jsep.Expression, isKnown: (name: string) => boolean, names: Set<string>, depth: number): Formula {
  if (depth > MAX_DEPTH) throw new FormulaProblem('it is nested too deeply');
  const next = (child: jsep.Expression) => check(child, isKnown, names, depth + 1);
  switch (node.type) {
    case 'Literal': {
      const raw = typeof node.raw === 'string' ? node.raw : '';
      const value = typeof node.value === 'number' ? parseDecimal(raw) : null;
      if (!value) throw new FormulaProblem(`${raw || 'a literal'} is not a plain decimal number (strings, booleans and exponents are not allowed)`);
      return { kind: 'number', value };
    }
    case 'Identifier': {
      const name = String(node.name);
      if (!isKnown(name)) throw new FormulaProblem(`unknown name ${name}`);
      names.add(name);
      return { kind: 'name', name };
    }
    case 'UnaryExpression': {
      const operator = String(node.operator);
      if (operator !== '-' && operator !== '!') throw new FormulaProblem(`the operator ${operator} is not allowed`);
      return { kind: 'unary', operator, argument: next(node.argument as jsep.Expression) };
    }
    case 'BinaryExpression': {
      const operator = String(node.operator) as BinaryOperator;
      if (!BINARY.includes(operator)) throw new FormulaProblem(`the operator ${String(node.operator)} is not allowed`);
      const left = next(node.left as jsep.Expression);
      const right = next(node.right as jsep.Expression);
      if (operator === '/') {
        const divisor = constantValue(right);
        if (divisor && isZero(divisor)) throw new FormulaProblem('it divides by zero');
      }
      return { kind: 'binary', operator, left, right };
    }
    case 'ConditionalExpression':
      return { kind: 'conditional', test: next(node.test as jsep.Expression), then: next(node.consequent as jsep.Expression), otherwise: next(node.alternate as jsep.Expression) };
    case 'CallExpression': {
      const callee = node.callee as jsep.Expression;
      const name = callee.type === 'Identifier' ? String(callee.name) : '';
      const arity = FUNCTIONS.get(name);
      if (!arity) throw new FormulaProblem(`only min, max, abs, floor and ceil may be called${name ? ` (not ${name})` : ''}`);
      const args = (node.arguments as jsep.Expression[]).map(next);
      if (args.length < arity.min || args.length > arity.max) throw new FormulaProblem(`${name} takes ${arity.min === arity.max ? arity.min : `${arity.min} to ${arity.max}`} arguments`);
      return { kind: 'call', name: name as FunctionName, args };
    }
    case 'ThisExpression':
      throw new FormulaProblem('this is not allowed');
    case 'MemberExpression':
      throw new FormulaProblem('member access (a.b, a[b]) is not allowed');
    default:
      throw new FormulaProblem(`${node.type} is not allowed in a formula`);
  }
}

/** The value of a formula that reads no names (constant folding), or null. */
function constantValue(formula: Formula): Ratio | null {
  try {
    return evaluateFormula(formula, (name) => {
      throw new FormulaProblem(name);
    });
  } catch {
    return null;
  }
}

const truth = (value: Ratio): boolean => !isZero(value);
const bool = (value: boolean): Ratio => (value ? ONE : ZERO);

/** A formula's exact value; `valueOf` answers each name it reads. Throws RangeError on division by zero. */
export function evaluateFormula(formula: Formula, valueOf: (name: string) => Ratio): Ratio {
  const at = (f: Formula): Ratio => evaluateFormula(f, valueOf);
  switch (formula.kind) {
    case 'number':
      return formula.value;
    case 'name':
      return valueOf(formula.name);
    case 'unary': {
      const value = at(formula.argument);
      return formula.operator === '-' ? { n: -value.n, d: value.d } : bool(!truth(value));
    }
    case 'conditional':
      return truth(at(formula.test)) ? at(formula.then) : at(formula.otherwise);
    case 'call': {
      const values = formula.args.map(at);
      switch (formula.name) {
        case 'min':
          return values.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
        case 'max':
          return values.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
        case 'abs':
          return values[0]!.n < 0n ? { n: -values[0]!.n, d: values[0]!.d } : values[0]!;
        case 'floor':
          return fromInt(floor(values[0]!));
        case 'ceil':
          return fromInt(-floor({ n: -values[0]!.n, d: values[0]!.d }));
      }
      break;
    }
    case 'binary': {
      if (formula.operator === '&&') return bool(truth(at(formula.left)) && truth(at(formula.right)));
      if (formula.operator === '||') return bool(truth(at(formula.left)) || truth(at(formula.right)));
      const a = at(formula.left);
      const b = at(formula.right);
      switch (formula.operator) {
        case '+': return add(a, b);
        case '-': return sub(a, b);
        case '*': return mul(a, b);
        case '/':
          if (isZero(b)) throw new RangeError('division by zero');
          return div(a, b);
        case '<': return bool(cmp(a, b) < 0);
        case '<=': return bool(cmp(a, b) <= 0);
        case '>': return bool(cmp(a, b) > 0);
        case '>=': return bool(cmp(a, b) >= 0);
        case '==': return bool(cmp(a, b) === 0);
        case '!=': return bool(cmp(a, b) !== 0);
      }
    }
  }
  return ratio(0n);
}
