/**
 * A minimal typed event emitter for `gate.on` / `gate.off`.
 * @packageDocumentation
 */

/** Listeners of the instance events. */
export type Listener<T> = (value: T) => void;

/** Keeps listeners per event name; a throwing listener never stops the others or the SDK. */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly _listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Adds a listener. */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): void {
    let set = this._listeners.get(name);
    if (!set) this._listeners.set(name, (set = new Set()));
    set.add(listener as Listener<never>);
  }

  /** Removes a listener. */
  off<K extends keyof Events>(name: K, listener: Listener<Events[K]>): void {
    this._listeners.get(name)?.delete(listener as Listener<never>);
  }

  /** Calls every listener of `name`; errors are reported, not thrown. */
  emit<K extends keyof Events>(name: K, value: Events[K]): void {
    for (const listener of [...(this._listeners.get(name) ?? [])]) {
      try {
        (listener as Listener<Events[K]>)(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this._listeners.clear();
  }
}
