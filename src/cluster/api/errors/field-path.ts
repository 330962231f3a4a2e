// A field path printed the way k8s.io/apimachinery/pkg/util/validation/field.Path
// prints it: names joined by dots, list indexes and map keys in brackets, keys
// unquoted (`spec.containers[0].resources.limits[cpu]`). kubectl shows these
// strings verbatim, so the printing rules are the contract.

export class FieldPath {
  private constructor(private readonly text: string) {}

  static of(...names: string[]): FieldPath {
    return names.reduce((p, n) => p.child(n), new FieldPath(''));
  }

  child(...names: string[]): FieldPath {
    let text = this.text;
    for (const name of names) text = text === '' ? name : `${text}.${name}`;
    return new FieldPath(text);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}
