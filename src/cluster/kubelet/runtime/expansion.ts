// Kubernetes' `$(VAR)` expansion (third_party/forked/golang/expansion): used
// in env values, command and args. `$$` escapes a `$`; an unknown or
// unterminated reference stays as written.

export type Mapping = (name: string) => string;

/** Looks a name up in each context in turn; unknown names stay `$(name)`. */
export function mappingFor(...contexts: ReadonlyMap<string, string>[]): Mapping {
  return (name) => {
    for (const context of contexts) {
      const value = context.get(name);
      if (value !== undefined) return value;
    }
    return `$(${name})`;
  };
}

export function expand(input: string, mapping: Mapping): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance: number;
    if (rest[0] === '$') {
      out += '$';
      advance = 1;
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close < 0) {
        out += `$${rest}`;
        advance = rest.length;
      } else {
        out += mapping(rest.slice(1, close));
        advance = close + 1;
      }
    } else {
      out += `$${rest[0]}`;
      advance = 1;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
