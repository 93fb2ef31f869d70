import { computed, inject, linkedSignal, signal, type ResourceRef, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { Page } from '@repairhub/contracts';
import type { Observable } from 'rxjs';
import { Notifier } from '../ui/notifier';

/** A list read page by page through the API's `nextCursor`. */
export interface CursorList<T> {
  /** The first page: its error and loading state are the list's. */
  readonly first: ResourceRef<Page<T> | undefined>;
  /** The first page and every page "Show more" added after it. */
  readonly items: Signal<T[]>;
  readonly hasMore: Signal<boolean>;
  readonly loadingMore: Signal<boolean>;
  loadMore(): void;
}

/**
 * The first page as a resource (fetched again when `params` change or on `first.reload()`), and the
 * following pages appended by `loadMore()`; a new first page drops them. A failed "Show more" is
 * reported by the `Notifier` and can be tried again. Call in an injection context.
 */
export function cursorList<T, P extends object = object>(options: {
  params?: () => P;
  load: (params: P & { cursor?: string }) => Observable<Page<T>>;
}): CursorList<T> {
  const notifier = inject(Notifier);
  const params = options.params ?? (() => ({}) as P);
  const first = rxResource({ params, stream: ({ params }) => options.load(params) });
  const firstPage = computed(() => (first.hasValue() ? first.value() : undefined));
  const more = linkedSignal<Page<T> | undefined, Page<T> | null>({ source: firstPage, computation: () => null });
  const loadingMore = signal(false);

  const items = computed(() => [...(firstPage()?.items ?? []), ...(more()?.items ?? [])]);
  const nextCursor = computed(() => (more() ?? firstPage())?.nextCursor ?? null);

  function loadMore(): void {
    const cursor = nextCursor();
    const base = firstPage();
    if (!cursor || loadingMore()) return;
    loadingMore.set(true);
    options.load({ ...params(), cursor }).subscribe({
      next: (page) => {
        loadingMore.set(false);
        // The list started over meanwhile (new filters, a reload): this page belongs to the old one.
        if (firstPage() !== base) return;
        more.update((added) => ({ items: [...(added?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
      },
      error: (error: unknown) => {
        loadingMore.set(false);
        notifier.error(error);
      },
    });
  }

  return { first, items, hasMore: computed(() => nextCursor() !== null), loadingMore: loadingMore.asReadonly(), loadMore };
}
