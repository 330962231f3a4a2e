// A Go slice over a shared backing array. Upstream deletes list items in place and
// appends into the room that frees, so the caller's view of the original list (used
// later to order the result) sees those writes; only the same aliasing gives the same
// order. The backing's capacity is its length, as for lists of a converted object.
export class GoSlice {
  private shared: boolean;
  constructor(private arr: unknown[], private len = arr.length, shared = true) {
    this.shared = shared;
  }
  get length(): number {
    return this.len;
  }
  setAt(i: number, v: unknown): void {
    this.arr[i] = v;
  }
  /** append(s[:i], s[i+1:]...): shifts in place; the last slot keeps its old value. */
  removeAt(i: number): void {
    this.arr.copyWithin(i, i + 1, this.len);
    this.len--;
  }
  /** append(s, v): in place while there is room in the backing, else into a new private array. */
  push(v: unknown): void {
    if (this.shared && this.len >= this.arr.length) {
      this.arr = this.arr.slice(0, this.len);
      this.shared = false;
    }
    if (this.shared) this.arr[this.len] = v;
    else this.arr.splice(this.len, this.arr.length - this.len, v);
    this.len++;
  }
  toArray(): unknown[] {
    return this.arr.slice(0, this.len);
  }
  static of(items: unknown[]): GoSlice {
    return new GoSlice([...items], items.length, false);
  }
}
