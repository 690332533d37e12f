/**
 * First in, first out, with taking the first O(1): items are read from a moving head, and the
 * taken prefix is dropped once it is most of the array (a queue under steady load may never run
 * empty, so it cannot wait for that).
 */
export class FifoQueue<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head];
    // Not kept alive by the queue once taken.
    this.#items[this.#head++] = undefined;
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Takes out every item `pick` chooses, keeping the others in order; returns those taken, in order. */
  removeWhere(pick: (item: T) => boolean): T[] {
    const taken: T[] = [];
    const kept: T[] = [];
    for (let i = this.#head; i < this.#items.length; i++) {
      const item = this.#items[i] as T;
      (pick(item) ? taken : kept).push(item);
    }
    if (taken.length > 0) {
      this.#items = kept;
      this.#head = 0;
    }
    return taken;
  }
}
