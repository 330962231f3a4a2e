// The string form of a label selector, parsed as apimachinery's labels.Parse
// does (lexer, recursive descent, error texts), since kubectl sends `-l` verbatim.

import { BadRequestError } from './errors';
import { compareGoStrings } from './go-format';
import { newRequirement, RequirementError, validateLabelKey, type LabelOperator, type Requirement } from './label-requirement';
import { Selector } from './label-selector';

export class LabelSelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorParseError';
  }
}

enum Token {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Record<string, Token> = {
  ')': Token.ClosedPar,
  ',': Token.Comma,
  '!': Token.DoesNotExist,
  '==': Token.DoubleEquals,
  '=': Token.Equals,
  '>': Token.GreaterThan,
  in: Token.In,
  '<': Token.LessThan,
  '!=': Token.NotEquals,
  notin: Token.NotIn,
  '(': Token.OpenPar,
};

const tokenFor = (s: string): Token | undefined =>
  Object.prototype.hasOwnProperty.call(string2token, s) ? string2token[s] : undefined;

interface Item {
  tok: Token;
  literal: string;
}

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  // Go's lexer returns byte 0 at the end of input; an empty string plays that part.
  private read(): string {
    if (this.pos < this.s.length) return this.s[this.pos++];
    return '';
  }

  private unread(): void {
    this.pos--;
  }

  private atEnd(ch: string): boolean {
    return ch === '' || ch === '\0';
  }

  private scanIDOrKeyword(): Item {
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (this.atEnd(ch)) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
    }
    const tok = tokenFor(buffer);
    return tok !== undefined ? { tok, literal: buffer } : { tok: Token.Identifier, literal: buffer };
  }

  private scanSpecialSymbol(): Item {
    let last: Item | undefined;
    let buffer = '';
    for (;;) {
      const ch = this.read();
      if (this.atEnd(ch)) break;
      if (!isSpecialSymbol(ch)) {
        this.unread();
        break;
      }
      buffer += ch;
      const tok = tokenFor(buffer);
      if (tok !== undefined) {
        last = { tok, literal: buffer };
      } else if (last) {
        this.unread();
        break;
      }
    }
    return last ?? { tok: Token.Error, literal: `error expected: keyword found '${buffer}'` };
  }

  lex(): Item {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (this.atEnd(ch)) return { tok: Token.EndOfString, literal: '' };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

// In a value position the keywords `in` and `notin` are plain identifiers.
enum Context {
  KeyAndOperator,
  Values,
}

class Parser {
  private items: Item[] = [];
  private position = 0;

  constructor(input: string) {
    const lexer = new Lexer(input);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.tok === Token.EndOfString) break;
    }
  }

  private peek(context: Context, consume: boolean): Item {
    const item = this.items[Math.min(this.position, this.items.length - 1)];
    if (consume) this.position++;
    if (context === Context.Values && (item.tok === Token.In || item.tok === Token.NotIn)) {
      return { tok: Token.Identifier, literal: item.literal };
    }
    return item;
  }

  private lookahead(context: Context): Item {
    return this.peek(context, false);
  }

  private consume(context: Context): Item {
    return this.peek(context, true);
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(Context.Values);
      switch (tok) {
        case Token.Identifier:
        case Token.DoesNotExist: {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (err) {
            throw new LabelSelectorParseError(`unable to parse requirement: ${(err as Error).message}`);
          }
          requirements.push(r);
          const next = this.consume(Context.Values);
          if (next.tok === Token.EndOfString) return requirements;
          if (next.tok === Token.Comma) {
            const after = this.lookahead(Context.Values);
            if (after.tok !== Token.Identifier && after.tok !== Token.DoesNotExist) {
              throw new LabelSelectorParseError(`found '${after.literal}', expected: identifier after ','`);
            }
            break;
          }
          throw new LabelSelectorParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
        }
        case Token.EndOfString:
          return requirements;
        default:
          throw new LabelSelectorParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, sortedSet(values));
  }

  private parseKeyAndInferOperator(): { key: string; operator: LabelOperator | undefined } {
    let operator: LabelOperator | undefined;
    let item = this.consume(Context.Values);
    if (item.tok === Token.DoesNotExist) {
      operator = '!';
      item = this.consume(Context.Values);
    }
    if (item.tok !== Token.Identifier) throw new RequirementError(`found '${item.literal}', expected: identifier`);
    const keyErr = validateLabelKey(item.literal, null);
    if (keyErr) throw new RequirementError(keyErr);
    const next = this.lookahead(Context.Values).tok;
    if ((next === Token.EndOfString || next === Token.Comma) && operator !== '!') operator = 'exists';
    return { key: item.literal, operator };
  }

  private parseOperator(): LabelOperator {
    const { tok, literal } = this.consume(Context.KeyAndOperator);
    switch (tok) {
      case Token.In:
        return 'in';
      case Token.Equals:
        return '=';
      case Token.DoubleEquals:
        return '==';
      case Token.GreaterThan:
        return 'gt';
      case Token.LessThan:
        return 'lt';
      case Token.NotIn:
        return 'notin';
      case Token.NotEquals:
        return '!=';
      default:
        throw new RequirementError(`found '${literal}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private parseValues(): string[] {
    const open = this.consume(Context.Values);
    if (open.tok !== Token.OpenPar) throw new RequirementError(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(Context.Values);
    switch (tok) {
      case Token.Identifier:
      case Token.Comma: {
        const values = this.parseIdentifiersList();
        if (this.consume(Context.Values).tok !== Token.ClosedPar) {
          throw new RequirementError(`found '${literal}', expected: ')'`);
        }
        return values;
      }
      case Token.ClosedPar:
        this.consume(Context.Values);
        return [''];
      default:
        throw new RequirementError(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  // Empty members are allowed: "(,a)", "(a,)" and "(a,,b)" all contain "".
  private parseIdentifiersList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { tok, literal } = this.consume(Context.Values);
      switch (tok) {
        case Token.Identifier: {
          values.push(literal);
          const next = this.lookahead(Context.Values);
          if (next.tok === Token.Comma) continue;
          if (next.tok === Token.ClosedPar) return values;
          throw new RequirementError(`found '${next.literal}', expected: ',' or ')'`);
        }
        case Token.Comma: {
          if (values.length === 0) values.push('');
          const next = this.lookahead(Context.Values).tok;
          if (next === Token.ClosedPar) {
            values.push('');
            return values;
          }
          if (next === Token.Comma) values.push('');
          continue;
        }
        default:
          throw new RequirementError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead(Context.Values).tok;
    if (next === Token.EndOfString || next === Token.Comma) return [''];
    const { tok, literal } = this.consume(Context.Values);
    if (tok === Token.Identifier) return [literal];
    throw new RequirementError(`found '${literal}', expected: identifier`);
  }
}

// sets.String(...).List(): de-duplicated and sorted.
function sortedSet(values: string[]): string[] {
  return [...new Set(values)].sort(compareGoStrings);
}

/** labels.Parse. Throws LabelSelectorParseError with upstream's message. */
export function parseLabelSelector(selector: string): Selector {
  return Selector.of(new Parser(selector).parse());
}

/** What the API server does with `?labelSelector=`: a parse failure is a 400 BadRequest. */
export function compileLabelSelector(selector: string): Selector {
  try {
    return parseLabelSelector(selector);
  } catch (err) {
    if (err instanceof LabelSelectorParseError) throw new BadRequestError(err.message);
    throw err;
  }
}
