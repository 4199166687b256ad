interface Node<K, V> {
  key: K;
  value: V;
  prev: Node<K, V> | null;
  next: Node<K, V> | null;
}

/**
 * A map that remembers the order entries were last touched, with O(1) touch, lookup and
 * removal of the oldest. Not a plain `Map` re-inserted on touch: V8 leaves deleted entries
 * as holes at the front of a Map until it rehashes, so "look at the first entry" after many
 * front deletions walks those holes, and eviction turned quadratic (100k mints took seconds).
 */
export class RecencyList<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  private head: Node<K, V> | null = null;
  private tail: Node<K, V> | null = null;

  get size(): number {
    return this.nodes.size;
  }

  get(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Sets the value and makes the entry the most recent. */
  touch(key: K, value: V): void {
    let node = this.nodes.get(key);
    if (node === undefined) {
      node = { key, value, prev: null, next: null };
      this.nodes.set(key, node);
    } else {
      node.value = value;
      if (node === this.tail) return;
      this.unlink(node);
    }
    node.prev = this.tail;
    if (this.tail !== null) this.tail.next = node;
    this.tail = node;
    if (this.head === null) this.head = node;
  }

  oldest(): { key: K; value: V } | undefined {
    return this.head === null ? undefined : { key: this.head.key, value: this.head.value };
  }

  delete(key: K): void {
    const node = this.nodes.get(key);
    if (node === undefined) return;
    this.unlink(node);
    this.nodes.delete(key);
  }

  values(): IterableIterator<V> {
    return (function* (head: Node<K, V> | null) {
      for (let node = head; node !== null; node = node.next) yield node.value;
    })(this.head);
  }

  private unlink(node: Node<K, V>): void {
    if (node.prev !== null) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
  }
}
