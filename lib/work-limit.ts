// A cap on expensive page work (the ticket list, the CSV export's batches) per process: at most
// EXPENSIVE_CONCURRENCY at once, the rest wait in line (first come, first served). Under a burst the
// database then works on a few queries at a time instead of thrashing on hundreds; a request that
// would wait longer than MAX_WAIT_MS, or find the line absurdly long, is turned away (BusyError).
import { context } from "@/lib/context";

export class BusyError extends Error {
  constructor() {
    super("The server is busy: try again in a few seconds.");
  }
}

type Slots = { running: number; waiting: (() => void)[] };

const holder = globalThis as unknown as { zdcExpensive?: Slots };

/** How long a request may wait for a slot, and how many may wait (per slot). */
const MAX_WAIT_MS = 15_000;
const WAITING_PER_SLOT = 100;

export async function limitExpensive<T>(fn: () => Promise<T>, max = context().env.EXPENSIVE_CONCURRENCY): Promise<T> {
  const slots = (holder.zdcExpensive ??= { running: 0, waiting: [] });
  if (slots.running >= max) {
    if (slots.waiting.length >= max * WAITING_PER_SLOT) throw new BusyError();
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        slots.waiting.splice(slots.waiting.indexOf(turn), 1);
        reject(new BusyError());
      }, MAX_WAIT_MS);
      slots.waiting.push(turn);
    });
  } else {
    slots.running++;
  }
  try {
    return await fn();
  } finally {
    // Hand the slot straight to the next in line (running stays the same), or free it.
    const next = slots.waiting.shift();
    if (next) next();
    else slots.running--;
  }
}
