/**
 * Expression placeholders for the requests the dynamodb module builds. Attribute names may hold
 * characters a placeholder cannot (`-`, `.`, spaces), so placeholders are sanitised and numbered
 * when two names would collide.
 */
import type { AttributeValue } from './dynamodb-values.ts';

/** An expression in the shape DynamoDB requests take; empty maps are left out. */
export interface RequestExpression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, AttributeValue>;
}

/** Collects `#name` and `:value` placeholders for one expression. */
export class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameOf = new Map<string, string>();

  /** The `#placeholder` of an attribute name, the same one each time the name comes back. */
  name(attribute: string): string {
    let placeholder = this.nameOf.get(attribute);
    if (!placeholder) {
      placeholder = unique(`#${sanitise(attribute)}`, this.names);
      this.names[placeholder] = attribute;
      this.nameOf.set(attribute, placeholder);
    }
    return placeholder;
  }

  /** A new `:placeholder` for a typed value; `hint` makes it readable. */
  value(hint: string, value: AttributeValue): string {
    const placeholder = unique(`:${sanitise(hint)}`, this.values);
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The expression with the placeholders it used. */
  toExpression(expression: string): RequestExpression {
    return compactExpression({ expression, expressionNames: this.names, expressionValues: this.values });
  }
}

/** Drops empty `expressionNames` / `expressionValues`, which DynamoDB rejects. */
export function compactExpression(expression: RequestExpression): RequestExpression {
  const result: RequestExpression = { expression: expression.expression };
  if (expression.expressionNames && Object.keys(expression.expressionNames).length > 0) {
    result.expressionNames = expression.expressionNames;
  }
  if (expression.expressionValues && Object.keys(expression.expressionValues).length > 0) {
    result.expressionValues = expression.expressionValues;
  }
  return result;
}

function sanitise(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

function unique(candidate: string, taken: Record<string, unknown>): string {
  if (!(candidate in taken)) return candidate;
  let counter = 1;
  while (`${candidate}_${counter}` in taken) counter += 1;
  return `${candidate}_${counter}`;
}

/**
 * A projection (`['id', 'address.city', 'tags[0]']`) as `{ expression, expressionNames }`;
 * each path segment gets a name placeholder and list indexes are kept.
 */
export function projectionExpression(paths: readonly string[]): RequestExpression {
  const placeholders = new Placeholders();
  const expression = paths
    .map((path) =>
      path
        .split('.')
        .map((segment) => {
          const [, name = segment, indexes = ''] = /^(.*?)((?:\[\d+\])*)$/.exec(segment) ?? [];
          return placeholders.name(name) + indexes;
        })
        .join('.'),
    )
    .join(', ');
  return placeholders.toExpression(expression);
}
