const INITIAL_CAPACITY = 1024;

/**
 * The slots changed since the last flush: one mark byte per slot, so marking
 * twice costs a read, and a list of the marked ones, so a flush visits only
 * them. Marking allocates nothing except when a buffer doubles.
 */
export class DirtySlots {
  private marks = new Uint8Array(INITIAL_CAPACITY);
  private list = new Uint32Array(INITIAL_CAPACITY);
  private length = 0;

  /** How many slots are marked. */
  get count(): number {
    return this.length;
  }

  mark(slot: number): void {
    if (slot >= this.marks.length) this.marks = doubled(this.marks, slot + 1);
    if (this.marks[slot] === 1) return;

    this.marks[slot] = 1;
    if (this.length === this.list.length) this.list = doubled(this.list, this.length + 1);
    this.list[this.length] = slot;
    this.length += 1;
  }

  /** The marked slot at `index`, in marking order. */
  at(index: number): number {
    return this.list[index]!;
  }

  /** Unmarks every slot. */
  clear(): void {
    for (let index = 0; index < this.length; index++) this.marks[this.list[index]!] = 0;
    this.length = 0;
  }
}

function doubled<T extends Uint8Array | Uint32Array>(old: T, atLeast: number): T {
  let capacity = old.length * 2;
  while (capacity < atLeast) capacity *= 2;

  const fresh = new (old.constructor as new (length: number) => T)(capacity);
  fresh.set(old as never);
  return fresh;
}
